"""The exception type every newsprism API raises for unusable input or usage."""

from __future__ import annotations


class NewsprismError(Exception):
    """Bad input or usage: the message is one line naming the path and the problem."""
