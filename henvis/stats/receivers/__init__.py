"""What the international receivers (Eurostat, UNODC GLOTIP) count persons by: the
groupings of Henvis' codes into the receivers' categories (``groups``) and the person
tables built from them (``victim_tables``).

Both the year release (``henvis.stats.persons.year_release``, which protects these
tables with every other person table of the year) and the returns
(``henvis.stats.returns``) use them; they import neither, so the dependencies run one
way: returns -> persons -> receivers.
"""
