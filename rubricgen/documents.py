"""The documents rubricgen makes and the formats and papers it writes them in.

Kept apart from the views and renderer so that the command line can offer
these choices without importing them (`validate` and `list` stay fast).
"""

# Made per level, and what `build` makes when no --kind is given.
KINDS = ("interview-kit", "panel-packet", "debrief-sheet", "promotion-rubric")
# Made once for the whole ladder, on request: `build --kind ladder`.
LADDER_KINDS = ("ladder",)
FORMATS = ("html", "pdf", "json", "md")
PAPERS = ("letter", "a4")
