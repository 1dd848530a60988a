"""Every rule, in one table (as ruff's codes.rs): code, name, category, clause, function.

Adding a rule: its function in the module of its category (checks/rules/CATEGORY.py), one
line below, its wording in messages/rules.toml and its fixtures in
checks/rules/fixtures/CODE.toml. Codes are never reused or renumbered.
The severity is the category's default unless given; ``params`` are the placeholders the
rule's message templates may use; ``requires`` are substrings of the width-folded text without
which the rule finds nothing (the engine skips it then).
"""

from __future__ import annotations

from checks.models import Category as C
from checks.models import Severity
from checks.registry import Rule, rule_table
from checks.rules import (
    accessibility,
    confidential,
    decision_process,
    discrimination,
    false_info,
    harmful_link,
    illegal,
    incident,
    inclusive_language,
    insult,
    operating_hours,
    personal_info,
    platform_limit,
    political,
    public_order,
    rights,
    security,
    third_party,
)
from checks.rules.lexical import PARAMS as LEX

__all__ = ["RULES"]

_r = Rule.of

# fmt: off
RULES: dict[str, Rule] = rule_table(
    # §3(4), §3(6)④ false information: dates, weekdays, eras and times
    _r("FAL001", "weekday-mismatch", C.FALSE_INFO, "§3(4), §3(6)④", false_info.weekday_mismatch,
       params=("date", "written", "actual", "fixed")),
    _r("FAL002", "impossible-date", C.FALSE_INFO, "§3(4), §3(6)④", false_info.impossible_date,
       params=("year", "month", "last_day")),
    _r("FAL003", "era-year-mismatch", C.FALSE_INFO, "§3(4), §3(6)④", false_info.era_year_mismatch,
       params=("era", "era_year", "expected", "written"), requires=("令和", "平成", "昭和")),
    _r("FAL004", "reversed-time-range", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.reversed_time_range, params=("begin", "end"), requires=(":", "時")),
    _r("FAL005", "past-event-as-upcoming", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.past_event_as_upcoming, params=("date", "posted")),
    _r("FAL006", "relative-day-mismatch", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.relative_day_mismatch, params=("word", "date", "expected"),
       requires=(*false_info.RELATIVE_DAY, *false_info.RELATIVE_WEEK)),
    _r("FAL007", "unverified-hazard-hearsay", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.unverified_hazard_hearsay, severity=Severity.REVIEW,
       requires=false_info.HAZARD_REQUIRES),
    _r("FAL008", "anniversary-mismatch", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.anniversary_mismatch, params=("count", "expected", "founded"),
       requires=false_info.ANNIVERSARY_REQUIRES),
    _r("FAL009", "count-mismatch", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.count_mismatch, params=("count", "listed"), requires=false_info.COUNT_REQUIRES),
    _r("FAL010", "choice-count-mismatch", C.FALSE_INFO, "§3(4), §3(6)④",
       false_info.choice_count_mismatch, params=("count", "listed"),
       requires=false_info.CHOICE_REQUIRES),
    # §6(2)② accessibility of the text
    _r("ACC001", "machine-dependent-character", C.ACCESSIBILITY, "§6(2)②",
       accessibility.machine_dependent_character, params=("replacement",)),
    _r("ACC002", "halfwidth-katakana", C.ACCESSIBILITY, "§6(2)②",
       accessibility.halfwidth_katakana, params=("replacement",)),
    _r("ACC003", "decorative-symbol-run", C.ACCESSIBILITY, "§6(2)②",
       accessibility.decorative_symbol_run),
    _r("ACC004", "mixed-width-alphanumerics", C.ACCESSIBILITY, "§6(2)②",
       accessibility.mixed_width_alphanumerics, params=("replacement",)),
    _r("ACC005", "image-only-information", C.ACCESSIBILITY, "§6(2)②",
       accessibility.image_only_information,
       requires=("画像", "写真", "図", "チラシ", "ポスター", "添付", "別紙")),
    _r("ACC006", "invisible-control-character", C.ACCESSIBILITY, "§6(2)②",
       accessibility.invisible_control_character, params=("codepoints",)),
    # §3(6)⑤ harmful links
    _r("LNK001", "url-shortener", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.url_shortener,
       params=("host",)),
    _r("LNK002", "ip-address-host", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.ip_address_host,
       params=("host",)),
    _r("LNK003", "look-alike-host", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.look_alike_host,
       params=("host", "decoded")),
    _r("LNK004", "denied-domain", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.denied_domain,
       params=("host",)),
    _r("LNK005", "executable-download", C.HARMFUL_LINK, "§3(6)⑤",
       harmful_link.executable_download, params=("host",)),
    _r("LNK006", "plain-http-link", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.plain_http_link,
       severity=Severity.REVIEW, params=("host",)),
    _r("LNK007", "file-sharing-link", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.file_sharing_link,
       params=("host",)),
    _r("LNK008", "file-like-host", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.file_like_host,
       params=("host",)),
    _r("LNK009", "link-hub", C.HARMFUL_LINK, "§3(6)⑤", harmful_link.link_hub,
       params=("host",)),
    # §6(1) operating hours
    _r("HRS001", "outside-operating-hours", C.OPERATING_HOURS, "§6(1)",
       operating_hours.outside_operating_hours,
       params=("when", "reason", "account", "hours", "emergency")),
    # §3(3), §6(2)③ residents' personal information
    _r("PII001", "identifiable-resident", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.identifiable_resident, requires=tuple(personal_info.HONORIFICS)),
    _r("PII002", "identifiable-description", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.identifiable_description,
       requires=("地区", "町", "在住", *personal_info.SITUATION_REQUIRES,
                 *personal_info.DESCRIPTION_REQUIRES)),
    _r("PII003", "private-phone-number", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.private_phone_number, params=("kind",), requires=("0",)),
    _r("PII004", "private-email-address", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.private_email_address, requires=("@",)),
    _r("PII005", "home-address", C.PERSONAL_INFO, "§3(3), §6(2)③", personal_info.home_address,
       requires=("番", "丁目")),
    _r("PII006", "my-number", C.PERSONAL_INFO, "§3(3), §6(2)③", personal_info.my_number,
       severity=Severity.BLOCK,
       requires=("個人番号", "マイナンバー", "Number", "NUMBER", "number")),
    _r("PII007", "personal-identifier", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.personal_identifier, requires=("番号", "コード")),
    _r("PII008", "resident-handle", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.resident_handle, requires=("@",)),
    _r("PII009", "resident-record", C.PERSONAL_INFO, "§3(3), §6(2)③",
       personal_info.resident_record),
    # platform limits
    _r("PLT001", "over-length-limit", C.PLATFORM_LIMIT, "platform",
       platform_limit.over_length_limit,
       params=("platform", "limit", "length", "over", "unit")),
    _r("PLT002", "too-many-hashtags", C.PLATFORM_LIMIT, "platform",
       platform_limit.too_many_hashtags, params=("platform", "limit", "count", "over"),
       requires=("#",)),
    # §4(3) security
    _r("SEC001", "credential-disclosed", C.SECURITY, "§4(3)", security.credential_disclosed,
       requires=security.CREDENTIAL_REQUIRES),
    _r("SEC002", "secret-token", C.SECURITY, "§4(3)", security.secret_token, params=("kind",),
       requires=security.SECRET_TOKEN_REQUIRES),
    _r("SEC003", "internal-address", C.SECURITY, "§4(3)", security.internal_address,
       params=("address",)),
    _r("SEC004", "extension-number", C.SECURITY, "§4(3)", security.extension_number,
       requires=("内線",)),
    _r("SEC005", "system-facility-detail", C.SECURITY, "§4(3)",
       security.system_facility_detail, requires=security.FACILITY_REQUIRES),
    _r("SEC006", "physical-security-detail", C.SECURITY, "§4(3)",
       security.physical_security_detail, requires=security.PHYSICAL_REQUIRES),
    _r("SEC007", "credential-place", C.SECURITY, "§4(3)", security.credential_place,
       requires=security.CREDENTIAL_PLACE_REQUIRES),
    # §6(2)④ third parties
    _r("TPY001", "third-party-link", C.THIRD_PARTY, "§6(2)④", third_party.third_party_link,
       params=("host",)),
    _r("TPY002", "user-post-quoted", C.THIRD_PARTY, "§6(2)④", third_party.user_post_quoted,
       requires=("@", "RT", "QT", "「", "『", "“", "シェア", "リポスト", "リツイート", "転載", "拡散",
                 "引用", "スクショ", "スクリーンショット", "画面写真", "キャプチャ")),
    _r("TPY003", "private-business-endorsement", C.THIRD_PARTY, "§6(2)④",
       third_party.private_business_endorsement,
       requires=("ください", "しましょう", "ご購入", "お買い求め", "おすすめ", "オススメ", "お勧め",
                 "お薦め", "おススメ", "イチオシ", "一押し", "いちおし")),
    _r("TPY004", "recommended-private-page", C.THIRD_PARTY, "§6(2)④",
       third_party.recommended_private_page, params=("host",)),
    # lexicon-backed rules (checks/lexicons/NAME.toml)
    _r("INS001", "insulting-expression", C.INSULT, "§3(6)①", insult.insulting_expression,
       params=LEX),
    _r("DIS001", "discriminatory-expression", C.DISCRIMINATION, "§3(6)②, §3(3)",
       discrimination.discriminatory_expression, params=LEX),
    _r("INC001", "gendered-term", C.INCLUSIVE_LANGUAGE, "§3(3)", inclusive_language.gendered_term,
       params=LEX),
    _r("PUB001", "offensive-content", C.PUBLIC_ORDER, "§3(6)⑥", public_order.offensive_content,
       params=LEX),
    _r("ILL001", "illegal-act", C.ILLEGAL, "§3(6)③", illegal.illegal_act, params=LEX),
    _r("CNF001", "confidential-information", C.CONFIDENTIAL, "§4(1)",
       confidential.confidential_information, params=LEX),
    _r("DEC001", "undecided-plan", C.DECISION_PROCESS, "§4(4)", decision_process.undecided_plan,
       params=LEX),
    _r("DEC002", "speculated-decision", C.DECISION_PROCESS, "§4(4)",
       decision_process.speculated_decision),
    # §4(2), §3(3) rights of others
    _r("RGT001", "reproduced-content", C.RIGHTS, "§4(2), §3(3)", rights.reproduced_content,
       params=LEX),
    _r("RGT002", "people-without-consent", C.RIGHTS, "§4(2), §3(3)",
       rights.people_without_consent),
    # §3(2) political neutrality
    _r("POL001", "political-support", C.POLITICAL, "§3(2)", political.political_support,
       params=LEX),
    # §7(4) incident mode (炎上): active only when the posting context says so
    _r("TRB001", "incident-mode-signoff", C.INCIDENT, "§7(4)", incident.incident_mode,
       params=("account",)),
    _r("TRB002", "rebuttal-reply", C.INCIDENT, "§7(4)", incident.rebuttal_reply),
)
# fmt: on
