"""Helpers that several areas' pages and APIs share (the one place for them, so that no
area borrows them from another area's module). Small and without models: error shapes
of the API, form errors in both languages, the refusal a service raises."""
