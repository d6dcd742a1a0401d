"""Reading a plan from its document: the house style of Chinese government plans, parsed into an outline."""
