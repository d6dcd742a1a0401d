from datetime import date

# The day the `projects` fixture (tests/fixtures/projects.py) is read on.
TODAY = date(2026, 7, 15)
