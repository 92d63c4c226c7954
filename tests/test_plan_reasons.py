"""Every plan reason code has words in both languages: no code ever reaches a reader."""

from __future__ import annotations

import pytest

from engine.plan import PlanReason
from reports.i18n import PLAN_REASON, plan_reason, plan_reason_committee


@pytest.mark.parametrize("code", list(PlanReason))
@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_plan_reason_has_text_in_each_language(code: PlanReason, lang: str) -> None:
    assert set(PLAN_REASON.get(code.value, {})) >= {"id", "en"}, f"{code.value}: no text"
    for text in (plan_reason(code.value, lang), plan_reason_committee(code.value, lang)):
        assert text.strip() and code.value not in text and "_" not in text
