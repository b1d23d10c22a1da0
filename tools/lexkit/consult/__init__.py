"""Public consultation: reading stakeholder feedback into the register."""
