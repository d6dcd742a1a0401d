"""Models of the indicators app: built in a later issue on the plans domain (zones, units, instructions)."""
