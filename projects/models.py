"""Models of the projects app: built in a later issue on the plans domain (zones, units, instructions)."""
