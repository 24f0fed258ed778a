"""Put items in order: each position gets one item, chosen from a menu."""

from __future__ import annotations

from html import escape
from itertools import permutations

from ..outcome import CORRECT, NOT_QUITE, Result, lookup_table, response_key
from ..question import Option, check_unique


class Ordering:
    name = "ordering"
    hint = "Put the items in order: first at position 1."

    def details(self, entry: dict, where: str, params) -> dict:
        items = tuple(Option(i["id"], i["text"]) for i in entry["items"])
        check_unique(items, f"{where}, field items")
        return {"items": items}

    def grading_table(self, question) -> dict:
        order = [item.id for item in question.items]
        outcomes = {}
        for given in permutations(order):
            key = response_key(self.values(question, given))
            in_place = sum(a == b for a, b in zip(given, order))
            if in_place == len(order):
                outcomes[key] = Result(True, (CORRECT,))
            else:
                message = f"{NOT_QUITE} {in_place} of {len(order)} items are in the right place."
                outcomes[key] = Result(False, (message,))
        ask = "Give every item a different position, then press Check."
        return lookup_table(outcomes, Result(False, (ask,)))

    def values(self, question, response) -> list[str]:
        """The item at each position, as its place in the shuffled menu (the form's values);
        an id that is no item stays as it is, so that it matches no outcome."""
        shown = {item.id: str(n) for n, item in enumerate(question.display_items)}
        return [shown.get(str(item), str(item)) for item in (response or ())]

    def controls(self, question, name: str) -> str:
        items = question.display_items
        rows = []
        for position, preset in enumerate(items, start=1):
            choices = "".join(
                f'<option value="{n}"{" selected" if i.id == preset.id else ""}>'
                f"{escape(i.text)}</option>"
                for n, i in enumerate(items)
            )
            rows.append(
                f"<li><label>Position {position} "
                f'<select class="ck-position">{choices}</select></label></li>'
            )
        return f'<ol class="ck-ordering">{"".join(rows)}</ol>'

    def widgets(self, question):
        import ipywidgets as widgets

        items = question.display_items
        menus = [
            widgets.Dropdown(
                options=[(i.text, str(n)) for n, i in enumerate(items)],
                value=str(position),
                description=f"Position {position + 1}",
                layout=widgets.Layout(width="95%"),
                style={"description_width": "initial"},
            )
            for position, item in enumerate(items)
        ]
        return widgets.VBox(menus), lambda: [menu.value for menu in menus]


TYPES = (Ordering(),)
