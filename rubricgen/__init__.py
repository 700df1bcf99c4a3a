"""rubricgen: a career ladder kept as YAML, printed as interview kits and rubrics.

The package follows the pipeline: ``schema`` reads and validates the ladder,
``views`` resolves what one document shows, ``renderer`` turns it into HTML,
PDF or JSON, and ``build`` writes the files. ``__main__`` is the command line.
"""

__version__ = "0.1.0"
