"""Turning a resolved view into HTML, PDF or JSON."""
