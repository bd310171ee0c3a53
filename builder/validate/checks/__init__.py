"""Validation rules, one module per concern.

A per-case rule is a module here with a `check(view)` function yielding diagnostics: it is found
by that name (`case_checks`), so adding a rule means adding its module, its codes in
builder.diagnostics.codes and one fixture folder per code. Rules across cases need every case at
once (`collection.check_collection`, `duplicates.check_duplicates`) and are called by the
validate stage itself.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from builder.diagnostics.diagnostic import Diagnostic
    from builder.validate.case_view import CaseView

CaseCheck = Callable[["CaseView"], Iterable["Diagnostic"]]


def case_checks() -> tuple[CaseCheck, ...]:
    """The `check` function of every rule module, in module-name order."""
    names = sorted(info.name for info in pkgutil.iter_modules(__path__))
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return tuple(cast("CaseCheck", module.check) for module in modules if hasattr(module, "check"))
