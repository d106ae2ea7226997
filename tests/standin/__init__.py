"""A loopback stand-in of the ProActive scheduler's REST interface, for tests of the real SDK."""

from .behaviour import Behaviour
from .scheduler import StandinScheduler

__all__ = ["Behaviour", "StandinScheduler"]
