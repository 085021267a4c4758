"""A tiny HTML reader for the tests: find elements by tag, id or class."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element] = field(default_factory=list)
    # Text and child elements in document order.
    content: list[str | Element] = field(default_factory=list)

    @property
    def classes(self) -> list[str]:
        return self.attrs.get("class", "").split()

    def has_class(self, name: str) -> bool:
        return name in self.classes

    def find_all(self, tag: str | None = None, *, cls: str | None = None) -> list[Element]:
        found = []
        for child in self.children:
            if (tag is None or child.tag == tag) and (cls is None or child.has_class(cls)):
                found.append(child)
            found.extend(child.find_all(tag, cls=cls))
        return found

    def find(self, tag: str | None = None, *, cls: str | None = None) -> Element:
        found = self.find_all(tag, cls=cls)
        assert found, f"no <{tag or '*'} class={cls!r}> in <{self.tag}>"
        return found[0]

    def by_id(self, id_: str) -> Element:
        for element in self.find_all():
            if element.attrs.get("id") == id_:
                return element
        raise AssertionError(f"no element with id={id_!r}")

    def ids(self) -> list[str]:
        return [e.attrs["id"] for e in self.find_all() if "id" in e.attrs]

    @property
    def all_text(self) -> str:
        parts = [c if isinstance(c, str) else c.all_text for c in self.content]
        return " ".join(" ".join(parts).split())


VOID = {"input", "br", "img", "meta", "link", "hr", "area", "base", "col", "source", "wbr"}


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.root = Element("root", {})
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.stack[-1].children.append(element)
        self.stack[-1].content.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].content.append(data)


def parse(html: str) -> Element:
    parser = _Parser()
    parser.feed(str(html))
    parser.close()
    return parser.root
