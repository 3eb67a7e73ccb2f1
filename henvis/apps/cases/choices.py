"""The closed lists a case is described with, each citing the seed it comes from.

Codes are stable English slugs (stored in the database and the API); labels are
translated (Norwegian Bokmål in locale/nb/translations.yaml)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class BirthPrecision(models.TextChoices):
    EXACT = "exact", _("Exact date")
    YEAR = "year", _("Year only")
    RANGE = "range", _("Estimated range of years")
    UNKNOWN = "unknown", _("Unknown")


class CaseStatus(models.TextChoices):
    CONCERN = "concern", _("Concern")
    PRESUMED_VICTIM = "presumed_victim", _("Presumed victim")
    IN_ASSISTANCE = "in_assistance", _("In assistance")
    CLOSED = "closed", _("Closed")


class ClosingReason(models.TextChoices):
    ASSISTANCE_COMPLETED = "assistance_completed", _("Assistance completed")
    RETURNED = "returned", _("Returned to the home country or a third country")
    DECLINED_HELP = "declined_help", _("The person declined help")
    LOST_CONTACT = "lost_contact", _("Contact lost")
    NOT_TRAFFICKING = "not_trafficking", _("Not assessed as trafficking")
    TRANSFERRED = "transferred", _("Followed up by another organisation")
    OTHER = "other", _("Other")


class ExploitationForm(models.TextChoices):
    """Straffeloven § 257 first paragraph a-d (seed 004 Del 2)."""

    SEXUAL = "sexual", _("Prostitution or other sexual services (§ 257 a)")
    LABOUR = "labour", _("Forced labour or services, including begging (§ 257 b)")
    CRIMINAL = "criminal", _("Forced criminal activity (as forced services, § 257 b)")
    MILITARY = "military", _("War service in a foreign country (§ 257 c)")
    ORGANS = "organs", _("Removal of organs (§ 257 d)")
    UNKNOWN = "unknown", _("Not known")


class Arena(models.TextChoices):
    """Seed 004 Del 2, "Hvor kan utnyttning skje?"."""

    PROSTITUTION = "prostitution", _("Prostitution market, indoors and outdoors")
    OTHER_SEXUAL = "other_sexual", _("Other arenas for sexual services (drugs, grooming, digital)")
    MASSAGE_BEAUTY = "massage_beauty", _("Massage studio or beauty salon")
    HOSPITALITY = "hospitality", _("Restaurants, hotels and nightlife")
    CLEANING = "cleaning", _("Cleaning")
    DOMESTIC = "domestic", _("Domestic work and childcare")
    AU_PAIR = "au_pair", _("Au pair scheme")
    MARRIAGE = "marriage", _("Marriage (sham, arranged, forced)")
    HEALTH_CARE = "health_care", _("Health and care services")
    AGRICULTURE = "agriculture", _("Agriculture, seasonal work")
    CONSTRUCTION = "construction", _("Building and construction")
    CAR_SERVICES = "car_services", _("Car repair and car care")
    TRANSPORT = "transport", _("Goods transport")
    GROCERY = "grocery", _("Grocery trade")
    SHIPYARDS = "shipyards", _("Shipyards")
    FISHERIES = "fisheries", _("Aquaculture and fisheries")
    PAVING = "paving", _("Paving and quarrying")
    BEGGING = "begging", _("Begging, street performance and street sales")
    DRUGS = "drugs", _("Drug crime")
    THEFT = "theft", _("Acquisitive crime such as shoplifting")
    BENEFIT_FRAUD = "benefit_fraud", _("Loan or benefit fraud")
    OTHER = "other", _("Other")


class PlaceKind(models.TextChoices):
    NORWAY = "norway", _("In Norway")
    ABROAD = "abroad", _("Abroad")


class IdentifiedHow(models.TextChoices):
    SCREENING = "screening", _("Screening with the identification guide")
    SELF_REFERRAL = "self_referral", _("The person came forward")
    REFERRAL = "referral", _("Referred by another organisation")
    OUTREACH = "outreach", _("Outreach work")
    INSPECTION = "inspection", _("Inspection or control")
    INVESTIGATION = "investigation", _("Police investigation")
    ASYLUM_PROCEDURE = "asylum_procedure", _("Asylum or residence case")
    TIP_OFF = "tip_off", _("Tip-off from a private person")
    OTHER = "other", _("Other")


class MeasureKind(models.TextChoices):
    """Seed 004 Del 7, rights of presumed victims."""

    HOUSING = "housing", _("Safe housing")
    FOLLOW_UP = "follow_up", _("Individual follow-up")
    HEALTH = "health", _("Health care")
    LEGAL_AID = "legal_aid", _("Legal aid (at least 3 free hours)")
    SUBSISTENCE = "subsistence", _("Money for subsistence")
    SAFETY = "safety", _("Safety measures after risk assessment")
    INTERPRETER = "interpreter", _("Interpreter")
    GUARDIAN = "guardian", _("Guardian or representative")
    SCHOOLING = "schooling", _("Schooling")
    WORK_TRAINING = "work_training", _("Work training")


class DecisionKind(models.TextChoices):
    """Seed 001 chapters 3-5 and seed 004 Del 7."""

    REFLECTION_PERIOD = "reflection_period", _("Reflection period (utf. § 8-3 first paragraph)")
    LIMITED_PERMIT = "limited_permit", _("Limited residence permit (utf. § 8-3 second paragraph)")
    ASYLUM_PROTECTION = "asylum_protection", _("Asylum: protection (utl. § 28)")
    ASYLUM_WITNESS = "asylum_witness", _("Asylum: witness provision (utf. § 8-4)")
    RESIDENCE_53_1B = "residence_53_1b", _("Independent permit (utl. § 53 first paragraph b)")
    APPEAL = "appeal", _("Appeal to UNE")
    ASSISTED_RETURN = "assisted_return", _("Assisted return with reintegration support (UDI/IOM)")
    CW_ACUTE_PLACEMENT = "cw_acute_placement", _("Child welfare: acute placement (bvl. § 4-5)")
    CW_INSTITUTION_PLACEMENT = "cw_institution_placement", _("Child welfare: institution placement (bvl. § 6-6)")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    GRANTED = "granted", _("Granted")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REVERSED = "reversed", _("Reversed on appeal")


class RefusalReason(models.TextChoices):
    """Seed 001 chapter 3.2 (UDI and UNE) and 3.3 (Dublin)."""

    NO_INDICATION = "no_indication", _("No grounds to assume the person was a victim of trafficking")
    NOT_IN_NORWAY = "not_in_norway", _("The condition of being in Norway was not met")
    OUTSIDE_PURPOSE = "outside_purpose", _("Outside the purpose of the permit")
    NO_INVESTIGATION = "no_investigation", _("The police were not investigating or prosecuting")
    PRESENCE_NOT_NEEDED = "presence_not_needed", _("The police did not need the person's presence in Norway")
    APPLIED_FOR_PROTECTION = "applied_for_protection", _("The person had applied for protection (asylum)")
    NO_PROTECTION_NEED = "no_protection_need", _("No need of protection")
    DUBLIN = "dublin", _("Dublin regulation (utl. § 32 first paragraph b)")
    OTHER = "other", _("Other")


class Provision(models.TextChoices):
    """Seed 004 Del 2: straffeloven §§ 257 and 258."""

    S257 = "257", _("Trafficking (straffeloven § 257)")
    S258 = "258", _("Aggravated trafficking (straffeloven § 258)")


class ProceedingStage(models.TextChoices):
    REPORTED = "reported", _("Reported to the police")
    INVESTIGATION = "investigation", _("Under investigation")
    DROPPED = "dropped", _("Dropped")
    INDICTED = "indicted", _("Indicted")
    JUDGMENT = "judgment", _("Judgment")


class CourtLevel(models.TextChoices):
    DISTRICT = "district", _("District court")
    APPEAL = "appeal", _("Court of appeal")
    SUPREME = "supreme", _("Supreme Court")


class Verdict(models.TextChoices):
    CONVICTION = "conviction", _("Conviction")
    ACQUITTAL = "acquittal", _("Acquittal")


class NonPunishmentOutcome(models.TextChoices):
    """Council of Europe convention art. 26 (seed 004 Del 7)."""

    PENDING = "pending", _("Being assessed")
    NOT_PROSECUTED = "not_prosecuted", _("Not prosecuted or punished")
    PROSECUTED = "prosecuted", _("Prosecuted after assessment")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
