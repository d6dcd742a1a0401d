"""Importing a plan from its document: the outline into `plans`, the unit aliases into `organisation`, the
goals (地区生产总值实现29亿元…) into the zone's indicator targets in `indicators`. The domains each parse or
write their part; this floor reads the document, shows the preview and calls each in one transaction."""
