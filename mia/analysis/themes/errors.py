"""The one exception the theme analysis raises on bad input."""


class ThemeInputError(ValueError):
    """The input cannot be analysed; the message is Dutch and meant for the user."""
