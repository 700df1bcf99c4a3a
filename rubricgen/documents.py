"""The documents rubricgen makes and the formats and papers it writes them in.

Kept apart from the views and renderer so that the command line can offer
these choices without importing them (`validate` and `list` stay fast).
"""

KINDS = ("interview-kit", "panel-packet", "debrief-sheet", "promotion-rubric")
FORMATS = ("html", "pdf", "json", "md")
PAPERS = ("letter", "a4")
