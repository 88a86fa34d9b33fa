"""Domain errors of the paging model."""

from __future__ import annotations


class PagingError(Exception):
    """Base class of every error the paging model raises."""


class PagingDocumentError(PagingError):
    """A translation document (or an imported OSTEP text) is invalid.

    The message names what is wrong, in words a student can act on.
    """


class MissingFrameError(PagingError):
    """A walk needed a frame of memory that the caller did not provide."""

    def __init__(self, frame: int, space: str = "physical") -> None:
        super().__init__(f"the walk reads {space} frame {frame}, which is not in memory")
        self.frame = frame
        self.space = space
