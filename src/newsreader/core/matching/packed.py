"""Articles held for matching as ids and compressed texts, and the views the engine reads.

A process that only matches needs of each article its id and its text, and needs the
text whole only twice: when it tokenises it, and when it quotes a passage found in it.
At 20,000 articles the texts are over 200 MiB as Python strings (most hold a curly quote,
which makes Python store every character in two bytes) but about 55 MiB deflated (ISA-L,
level 1: a third of a second to pack them, less to unpack them all), and the engine's own
arrays peak at the same time as the strings would be held. :class:`PackedArticles` keeps
them deflated, and :func:`ids_of` and :func:`texts_of` give the engine the ids and texts
of either kind of sequence without building an :class:`.Article` for either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar, overload

from isal import isal_zlib

from newsreader.core.article import Article

LEVEL = 1
"""ISA-L's compression level: its fastest that still halves the text again."""
T = TypeVar("T")


class _Lazy(Sequence[T]):
    """A sequence whose items are made on access by :meth:`_item` (slices: a list)."""

    def _item(self, index: int) -> T:
        raise NotImplementedError

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self._item(i) for i in range(*index.indices(len(self)))]
        return self._item(range(len(self))[index])  # negative indices, IndexError


class PackedTexts(_Lazy[str]):
    """Texts, deflated one by one, read back whole on access (and never cached)."""

    def __init__(self) -> None:
        self._blobs: list[bytes] = []

    def append(self, text: str) -> None:
        """Add ``text`` at the end."""
        self._blobs.append(isal_zlib.compress(text.encode("utf-8", "surrogatepass"), LEVEL))

    def __len__(self) -> int:
        return len(self._blobs)

    def _item(self, index: int) -> str:
        return isal_zlib.decompress(self._blobs[index]).decode("utf-8", "surrogatepass")


class PackedArticles(_Lazy[Article]):
    """Articles reduced to what matching reads: their ids and their (packed) texts.

    An item is rebuilt as an :class:`.Article` with only ``id`` and ``text`` filled in;
    the engine reads :attr:`ids` and :attr:`texts` instead (see :func:`texts_of`).
    """

    def __init__(self, articles: Iterable[Article] = ()) -> None:
        self.ids: list[str] = []
        """The articles' ids, in order."""
        self.texts = PackedTexts()
        """The articles' texts, in order."""
        self.extend(articles)

    def extend(self, articles: Iterable[Article]) -> None:
        """Add ``articles`` at the end (their texts are packed now; nothing keeps them)."""
        for article in articles:
            self.ids.append(article.id)
            self.texts.append(article.text)

    def __len__(self) -> int:
        return len(self.ids)

    def _item(self, index: int) -> Article:
        return Article(self.ids[index], "", "", "", None, None, self.texts[index])


class _TextsOf(_Lazy[str]):
    """The texts of a sequence of articles, read through to them (no copy of the list)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles

    def __len__(self) -> int:
        return len(self._articles)

    def _item(self, index: int) -> str:
        return self._articles[index].text


def texts_of(articles: Sequence[Article]) -> Sequence[str]:
    """The texts of ``articles``, in order, read on access."""
    return articles.texts if isinstance(articles, PackedArticles) else _TextsOf(articles)


def ids_of(articles: Sequence[Article]) -> Sequence[str]:
    """The ids of ``articles``, in order."""
    return articles.ids if isinstance(articles, PackedArticles) else [a.id for a in articles]
