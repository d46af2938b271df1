"""English and Vietnamese texts for reports, charts and tables, and numbers in each language.

Every title, label, table header and sentence that the kit publishes lives in
:data:`MESSAGES`, a catalogue keyed by message id with one text per language. A report never
writes its own strings: it calls :func:`t` with the message id, the language and the values
to put in, so that the English and the Vietnamese reports are made by the same code and
cannot say different things.

Numbers follow the language: English writes ``1,234.5`` and Vietnamese ``1.234,5`` (a dot
groups thousands, a comma marks decimals). Placeholders carry a Python format
specification, the same in both languages: ``{rate:.1f}`` gives ``53.2`` in English and
``53,2`` in Vietnamese; ``{n:,}`` groups thousands (``12,345`` / ``12.345``). A whole
number without a specification is written without grouping (years stay ``2025``). A missing
value (``NaN``, ``None``) is written ``–``.

All texts are Unicode NFC (composed letters), so a Vietnamese word compares equal
wherever it is typed; ``tests/test_labels.py`` checks that every message has both languages
with the same placeholders.
"""

from __future__ import annotations

import difflib
import math
import numbers
import string
import unicodedata
from datetime import date
from typing import Any

import pandas as pd

#: The report languages: English and Vietnamese.
LANGUAGES: tuple[str, ...] = ("en", "vi")
#: What a missing number is written as, in both languages.
MISSING = "–"

#: The message catalogue: message id → {"en": text, "vi": text}.
MESSAGES: dict[str, dict[str, str]] = {
    # ---------------------------------------------------------------- places
    "place.viet_nam": {"en": "Viet Nam", "vi": "Việt Nam"},
    "place.hcmc": {"en": "Hồ Chí Minh City", "vi": "Thành phố Hồ Chí Minh"},
    # ---------------------------------------------------------------- categories
    "ownership.state": {"en": "State-owned", "vi": "Nhà nước"},
    "ownership.domestic_private": {"en": "Domestic private", "vi": "Tư nhân trong nước"},
    "ownership.foreign_invested": {"en": "Foreign-invested", "vi": "Có vốn đầu tư nước ngoài"},
    "cause.wages": {"en": "Wages", "vi": "Tiền lương"},
    "cause.tet_bonus": {"en": "Tết bonus", "vi": "Thưởng Tết"},
    "cause.late_pay": {"en": "Late payment of wages", "vi": "Chậm trả lương"},
    "cause.social_insurance_arrears": {
        "en": "Social insurance arrears",
        "vi": "Nợ đóng bảo hiểm xã hội",
    },
    "cause.meal_quality": {"en": "Meal quality", "vi": "Chất lượng bữa ăn ca"},
    "cause.working_conditions": {"en": "Working conditions", "vi": "Điều kiện làm việc"},
    "kind.individual": {"en": "Individual", "vi": "Cá nhân"},
    "kind.collective_rights": {"en": "Collective, about rights", "vi": "Tập thể về quyền"},
    "kind.collective_interests": {
        "en": "Collective, about interests",
        "vi": "Tập thể về lợi ích",
    },
    "channel.conciliator": {"en": "Labour conciliator", "vi": "Hòa giải viên lao động"},
    "channel.arbitration_council": {
        "en": "Labour arbitration council",
        "vi": "Hội đồng trọng tài lao động",
    },
    "channel.court": {"en": "Court", "vi": "Tòa án"},
    "level.enterprise": {"en": "Enterprise", "vi": "Doanh nghiệp"},
    "level.multi_enterprise": {"en": "Multi-enterprise", "vi": "Nhiều doanh nghiệp"},
    "region.I": {"en": "Region I", "vi": "Vùng I"},
    "region.II": {"en": "Region II", "vi": "Vùng II"},
    "region.III": {"en": "Region III", "vi": "Vùng III"},
    "region.IV": {"en": "Region IV", "vi": "Vùng IV"},
    "total": {"en": "Total", "vi": "Tổng số"},
    # ---------------------------------------------------------------- quality of a figure
    "flag.publish": {"en": "Reliable", "vi": "Tin cậy"},
    "flag.caution": {"en": "Use with caution", "vi": "Sử dụng thận trọng"},
    "flag.suppress": {
        "en": "Not published: too imprecise",
        "vi": "Không công bố: độ chính xác thấp",
    },
    "flag.register": {
        "en": "Register count: no sampling error",
        "vi": "Số đếm từ sổ theo dõi: không có sai số chọn mẫu",
    },
    "flag.confidential": {
        "en": "Not published: confidentiality",
        "vi": "Không công bố: bảo mật thông tin",
    },
    # ---------------------------------------------------------------- indicators
    "ind.union_density": {"en": "Trade union density", "vi": "Tỷ lệ tham gia công đoàn"},
    "ind.coverage": {
        "en": "Collective bargaining coverage",
        "vi": "Tỷ lệ bao phủ của thỏa ước lao động tập thể",
    },
    "ind.below_minimum": {
        "en": "Wage workers paid below the regional minimum wage",
        "vi": "Người làm công hưởng lương có lương dưới mức lương tối thiểu vùng",
    },
    "ind.pay_gap": {
        "en": "Gender pay gap in hourly earnings",
        "vi": "Chênh lệch tiền lương theo giờ giữa nam và nữ",
    },
    "ind.strikes": {"en": "Strikes", "vi": "Số cuộc đình công"},
    "ind.strike_workers": {
        "en": "Workers involved in strikes",
        "vi": "Số người lao động tham gia đình công",
    },
    "ind.days_not_worked": {
        "en": "Days not worked because of strikes",
        "vi": "Số ngày công không làm việc do đình công",
    },
    "ind.days_per_1000": {
        "en": "Days not worked per 1,000 employees",
        "vi": "Số ngày công không làm việc trên 1.000 người làm công hưởng lương",
    },
    "ind.not_led": {
        "en": "Strikes not led by a trade union",
        "vi": "Đình công không do công đoàn lãnh đạo",
    },
    "ind.disputes": {"en": "Labour disputes filed", "vi": "Số vụ tranh chấp lao động"},
    "ind.settled": {
        "en": "Disputes settled by 31 December",
        "vi": "Tranh chấp đã giải quyết xong đến ngày 31/12",
    },
    "ind.median_days": {
        "en": "Median days to settlement",
        "vi": "Số ngày giải quyết (trung vị)",
    },
    "ind.agreements_signed": {
        "en": "Collective agreements signed",
        "vi": "Số thỏa ước lao động tập thể được ký",
    },
    "ind.wage_clause": {
        "en": "Agreements signed with a lowest wage above the minimum",
        "vi": "Thỏa ước được ký có mức lương thấp nhất cao hơn lương tối thiểu vùng",
    },
    "ind.agreements_in_force": {
        "en": "Collective agreements in force on 31 December",
        "vi": "Số thỏa ước còn hiệu lực ngày 31/12",
    },
    "ind.workers_covered": {
        "en": "Workers covered by agreements in force",
        "vi": "Số người lao động được thỏa ước còn hiệu lực áp dụng",
    },
    # ---------------------------------------------------------------- units
    "unit.pct_employees": {"en": "% of employees", "vi": "% người làm công hưởng lương"},
    "unit.pct_wage_workers": {
        "en": "% of wage workers",
        "vi": "% người làm công hưởng lương",
    },
    "unit.pct_men": {"en": "% of men's earnings", "vi": "% tiền lương của nam"},
    "unit.actions": {"en": "strikes", "vi": "cuộc"},
    "unit.workers": {"en": "workers", "vi": "người"},
    "unit.days": {"en": "days", "vi": "ngày công"},
    "unit.rate_1000": {"en": "days per 1,000 employees", "vi": "ngày công/1.000 người"},
    "unit.pct_strikes": {"en": "% of strikes", "vi": "% số cuộc đình công"},
    "unit.disputes": {"en": "disputes", "vi": "vụ"},
    "unit.pct_disputes": {"en": "% of disputes", "vi": "% số vụ"},
    "unit.calendar_days": {"en": "calendar days", "vi": "ngày"},
    "unit.agreements": {"en": "agreements", "vi": "thỏa ước"},
    "unit.pct_agreements": {"en": "% of agreements signed", "vi": "% số thỏa ước được ký"},
    # ---------------------------------------------------------------- sources
    "source.lfs": {
        "en": "Labour force survey (synthetic)",
        "vi": "Điều tra lao động việc làm (mô phỏng)",
    },
    "source.strikes": {
        "en": "Ministry strike register (synthetic)",
        "vi": "Sổ theo dõi đình công của Bộ (mô phỏng)",
    },
    "source.disputes": {
        "en": "Labour dispute register (synthetic)",
        "vi": "Sổ theo dõi tranh chấp lao động (mô phỏng)",
    },
    "source.agreements": {
        "en": "Collective agreement register (synthetic)",
        "vi": "Sổ đăng ký thỏa ước lao động tập thể (mô phỏng)",
    },
    # ---------------------------------------------------------------- table headers
    "col.indicator": {"en": "Indicator", "vi": "Chỉ tiêu"},
    "col.value": {"en": "Value", "vi": "Giá trị"},
    "col.unit": {"en": "Unit", "vi": "Đơn vị tính"},
    "col.ci_lower": {"en": "95% CI, lower", "vi": "KTC 95%, cận dưới"},
    "col.ci_upper": {"en": "95% CI, upper", "vi": "KTC 95%, cận trên"},
    "col.quality": {"en": "Quality", "vi": "Chất lượng"},
    "col.source": {"en": "Source", "vi": "Nguồn"},
    "col.ownership": {"en": "Ownership of the employer", "vi": "Loại hình sở hữu"},
    "col.region": {"en": "Minimum-wage region", "vi": "Vùng lương tối thiểu"},
    "col.minimum": {"en": "Monthly minimum (VND)", "vi": "Lương tối thiểu tháng (đồng)"},
    "col.cause": {"en": "Main cause", "vi": "Nguyên nhân chính"},
    "col.kind": {"en": "Kind of dispute", "vi": "Loại tranh chấp"},
    "col.channel": {"en": "Settlement body", "vi": "Cơ quan giải quyết"},
    "col.level": {"en": "Level of agreement", "vi": "Cấp thỏa ước"},
    "col.year": {"en": "Year", "vi": "Năm"},
    "col.n": {"en": "Employees in the sample", "vi": "Số người làm công trong mẫu"},
    "col.disputes": {"en": "Disputes filed", "vi": "Số vụ"},
    "col.settled_pct": {"en": "Settled by 31 December (%)", "vi": "Đã giải quyết đến 31/12 (%)"},
    "col.median_days": {"en": "Median days to settlement", "vi": "Số ngày giải quyết (trung vị)"},
    "col.symbol": {"en": "Symbol", "vi": "Ký hiệu"},
    "col.meaning": {"en": "Meaning", "vi": "Ý nghĩa"},
    "col.item": {"en": "Item", "vi": "Nội dung"},
    "col.rate_pct": {"en": "Rate (%)", "vi": "Tỷ lệ (%)"},
    # ---------------------------------------------------------------- XLSX sheet names (≤ 31)
    "sheet.key": {"en": "Key figures", "vi": "Chỉ tiêu chính"},
    "sheet.ownership": {"en": "By ownership", "vi": "Theo loại hình sở hữu"},
    "sheet.minimum": {"en": "Minimum wage", "vi": "Lương tối thiểu"},
    "sheet.strikes": {"en": "Strikes", "vi": "Đình công"},
    "sheet.strike_workers": {"en": "Strike workers", "vi": "Người tham gia đình công"},
    "sheet.disputes": {"en": "Disputes", "vi": "Tranh chấp"},
    "sheet.settlement": {"en": "Dispute settlement", "vi": "Giải quyết tranh chấp"},
    "sheet.agreements": {"en": "Agreements", "vi": "Thỏa ước"},
    "sheet.covered": {"en": "Workers covered", "vi": "Người được áp dụng"},
    "sheet.notes": {"en": "Notes", "vi": "Ghi chú"},
    # ---------------------------------------------------------------- table titles
    "table.key": {
        "en": "Table 1. Key labour relations indicators, {place}, {year}",
        "vi": "Bảng 1. Các chỉ tiêu quan hệ lao động chính, {place}, năm {year}",
    },
    "table.ownership": {
        "en": "Table 2. Union density and bargaining coverage by ownership, {place}, {year}",
        "vi": "Bảng 2. Tỷ lệ tham gia công đoàn và bao phủ thỏa ước theo loại hình sở hữu, "
        "{place}, năm {year}",
    },
    "table.minimum": {
        "en": "Table 3. Wage workers paid below the regional minimum wage, by region, "
        "{place}, {year}",
        "vi": "Bảng 3. Người làm công hưởng lương có lương dưới mức tối thiểu, theo vùng, "
        "{place}, năm {year}",
    },
    "table.strikes": {
        "en": "Table 4. Strikes by main cause and ownership, {place}, {year}",
        "vi": "Bảng 4. Số cuộc đình công theo nguyên nhân chính và loại hình sở hữu, "
        "{place}, năm {year}",
    },
    "table.strike_workers": {
        "en": "Table 5. Workers involved in strikes by main cause and ownership, {place}, {year}",
        "vi": "Bảng 5. Số người tham gia đình công theo nguyên nhân chính và loại hình sở hữu, "
        "{place}, năm {year}",
    },
    "table.disputes": {
        "en": "Table 6. Labour disputes filed by kind and settlement body, {place}, {year}",
        "vi": "Bảng 6. Số vụ tranh chấp lao động theo loại và cơ quan giải quyết, "
        "{place}, năm {year}",
    },
    "table.settlement": {
        "en": "Table 7. Settlement of labour disputes by settlement body, {place}, {year}",
        "vi": "Bảng 7. Kết quả giải quyết tranh chấp lao động theo cơ quan giải quyết, "
        "{place}, năm {year}",
    },
    "table.agreements": {
        "en": "Table 8. Collective agreements in force on 31 December by level and region, "
        "{place}, {year}",
        "vi": "Bảng 8. Số thỏa ước còn hiệu lực ngày 31/12 theo cấp và vùng, {place}, năm {year}",
    },
    "table.covered": {
        "en": "Table 9. Workers covered by agreements in force on 31 December, by level and "
        "region, {place}, {year}",
        "vi": "Bảng 9. Số người lao động được thỏa ước còn hiệu lực ngày 31/12 áp dụng, theo "
        "cấp và vùng, {place}, năm {year}",
    },
    # ---------------------------------------------------------------- charts
    "chart.trend.title": {
        "en": "Union density and bargaining coverage, {place}, {first}–{year}",
        "vi": "Tỷ lệ tham gia công đoàn và bao phủ thỏa ước, {place}, {first}–{year}",
    },
    "chart.trend.ylabel": {"en": "% of employees", "vi": "% người làm công hưởng lương"},
    "chart.trend.note": {
        "en": "Vertical lines: 95% confidence intervals. Synthetic data.",
        "vi": "Đoạn thẳng đứng: khoảng tin cậy 95%. Dữ liệu mô phỏng.",
    },
    "chart.ownership.title": {
        "en": "Union density by ownership of the employer, {place}, {year}",
        "vi": "Tỷ lệ tham gia công đoàn theo loại hình sở hữu, {place}, năm {year}",
    },
    "chart.strikes.title": {
        "en": "Strikes recorded per year, {place}, {first}–{year}",
        "vi": "Số cuộc đình công được ghi nhận theo năm, {place}, {first}–{year}",
    },
    "chart.strikes.ylabel": {"en": "Strikes", "vi": "Số cuộc"},
    "chart.strikes.note": {
        "en": "x: fewer than {threshold} strikes, not published. Synthetic data.",
        "vi": "x: dưới {threshold} cuộc, không công bố. Dữ liệu mô phỏng.",
    },
    "chart.suppressed_note": {
        "en": "Vertical lines: 95% confidence intervals. Hatched: use with caution. Estimates "
        "too imprecise to publish are left out. Synthetic data.",
        "vi": "Đoạn thẳng đứng: khoảng tin cậy 95%. Cột gạch chéo: sử dụng thận trọng. Không "
        "thể hiện các ước lượng có độ chính xác quá thấp. Dữ liệu mô phỏng.",
    },
    "figure.caption": {
        "en": "Chart {number}. {title}",
        "vi": "Biểu đồ {number}. {title}",
    },
    # ---------------------------------------------------------------- the report's text
    "report.title": {
        "en": "Annual labour relations report: {place}, {year}",
        "vi": "Báo cáo quan hệ lao động thường niên: {place}, năm {year}",
    },
    "report.synthetic": {
        "en": "**Synthetic data, for training only.** Every figure in this report is computed "
        "from the kit's synthetic data, drawn by a seeded generator. They describe no real "
        "person, enterprise or strike and are not statistics about Viet Nam.",
        "vi": "**Dữ liệu mô phỏng, chỉ dùng cho đào tạo.** Mọi số liệu trong báo cáo này được "
        "tính từ dữ liệu mô phỏng của bộ tài liệu, do một bộ sinh số liệu ngẫu nhiên có hạt "
        "giống cố định tạo ra. Chúng không mô tả bất kỳ người, doanh nghiệp hay cuộc đình công "
        "có thật nào và không phải là số liệu thống kê về Việt Nam.",
    },
    "report.about": {
        "en": "This report presents the main labour relations indicators of {place} for "
        "{year}: trade union membership and collective bargaining, wages and the regional "
        "minimum wage, strikes, labour disputes and collective agreements. Survey "
        "estimates come with their 95% confidence interval and a quality flag; register "
        "counts are complete counts. Tables follow the kit's confidentiality rules.",
        "vi": "Báo cáo này trình bày các chỉ tiêu quan hệ lao động chính của {place} năm "
        "{year}: tham gia công đoàn và thương lượng tập thể, tiền lương và lương tối thiểu "
        "vùng, đình công, tranh chấp lao động và thỏa ước lao động tập thể. Các ước lượng từ "
        "điều tra có kèm khoảng tin cậy 95% và đánh giá chất lượng; số liệu từ sổ theo dõi là "
        "số đếm toàn bộ. Các bảng số liệu tuân thủ quy tắc bảo mật của bộ tài liệu.",
    },
    "report.area.merged": {
        "en": "Since 1 July 2025 {place} is formed of the former provincial units {units}; "
        "figures for every year refer to this area.",
        "vi": "Từ ngày 1/7/2025, {place} được hợp thành từ các đơn vị hành chính cấp tỉnh cũ "
        "{units}; số liệu của mọi năm đều tính theo địa bàn này.",
    },
    "report.area.unchanged": {
        "en": "{place} kept its borders in the 2025 reorganisation of provinces.",
        "vi": "{place} giữ nguyên địa giới khi sắp xếp lại đơn vị hành chính cấp tỉnh năm 2025.",
    },
    "report.area.country": {
        "en": "Figures cover the whole country: the 34 provincial units in place since "
        "1 July 2025.",
        "vi": "Số liệu tính cho cả nước: 34 đơn vị hành chính cấp tỉnh từ ngày 1/7/2025.",
    },
    "report.data": {
        "en": "Data: synthetic datasets of lrkit {version}, scale “{scale}”, seed {seed}.",
        "vi": "Dữ liệu: bộ dữ liệu mô phỏng của lrkit {version}, quy mô “{scale}”, "
        "hạt giống {seed}.",
    },
    "sec.key": {"en": "Key figures", "vi": "Các chỉ tiêu chính"},
    "sec.unions": {
        "en": "Trade unions and collective bargaining",
        "vi": "Công đoàn và thương lượng tập thể",
    },
    "sec.wages": {
        "en": "Wages and the regional minimum wage",
        "vi": "Tiền lương và lương tối thiểu vùng",
    },
    "sec.strikes": {"en": "Strikes", "vi": "Đình công"},
    "sec.disputes": {"en": "Labour disputes", "vi": "Tranh chấp lao động"},
    "sec.agreements": {"en": "Collective agreements", "vi": "Thỏa ước lao động tập thể"},
    "sec.methods": {
        "en": "Definitions, precision and confidentiality",
        "vi": "Định nghĩa, độ chính xác và bảo mật",
    },
    "sec.files": {"en": "Files of this report", "vi": "Các tệp của báo cáo"},
    "text.density": {
        "en": "In {year}, {rate:.1f}% of employees in {place} were trade union members "
        "(95% confidence interval: {low:.1f}% to {high:.1f}%).",
        "vi": "Năm {year}, {rate:.1f}% người làm công hưởng lương ở {place} là đoàn viên công "
        "đoàn (khoảng tin cậy 95%: từ {low:.1f}% đến {high:.1f}%).",
    },
    "text.coverage": {
        "en": "{rate:.1f}% of employees were covered by a collective agreement "
        "(95% confidence interval: {low:.1f}% to {high:.1f}%).",
        "vi": "{rate:.1f}% người làm công hưởng lương được thỏa ước lao động tập thể áp dụng "
        "(khoảng tin cậy 95%: từ {low:.1f}% đến {high:.1f}%).",
    },
    "text.below_minimum": {
        "en": "{rate:.1f}% of wage workers were paid less than the regional minimum wage in "
        "force where they work (95% confidence interval: {low:.1f}% to {high:.1f}%).",
        "vi": "{rate:.1f}% người làm công hưởng lương nhận lương thấp hơn mức lương tối thiểu "
        "vùng áp dụng tại nơi làm việc (khoảng tin cậy 95%: từ {low:.1f}% đến {high:.1f}%).",
    },
    "text.pay_gap": {
        "en": "The gender pay gap in mean hourly earnings of employees was {gap:.1f}% "
        "(95% confidence interval: {low:.1f}% to {high:.1f}%); a positive gap means that "
        "women earn less per hour than men.",
        "vi": "Chênh lệch tiền lương bình quân theo giờ giữa nam và nữ làm công hưởng lương là "
        "{gap:.1f}% (khoảng tin cậy 95%: từ {low:.1f}% đến {high:.1f}%); chênh lệch dương "
        "nghĩa là nữ nhận lương theo giờ thấp hơn nam.",
    },
    "text.pay_gap_includes_zero": {
        "en": "The interval includes zero: the survey cannot tell whether women or men earn "
        "more per hour in {place}.",
        "vi": "Khoảng tin cậy bao gồm giá trị 0: số liệu điều tra chưa cho phép kết luận nam "
        "hay nữ có tiền lương theo giờ cao hơn ở {place}.",
    },
    "text.caution": {
        "en": "Use this figure with caution: it rests on {n:,} sample employees and its "
        "coefficient of variation is {cv:.1f}%.",
        "vi": "Cần sử dụng thận trọng số liệu này: nó dựa trên {n:,} người làm công trong "
        "mẫu và hệ số biến thiên là {cv:.1f}%.",
    },
    "text.suppressed": {
        "en": "The survey estimate of {indicator} in {place} in {year} is too imprecise to "
        "publish (small sample or large sampling error).",
        "vi": "Ước lượng {indicator} của {place} năm {year} từ điều tra có độ chính xác quá "
        "thấp (mẫu nhỏ hoặc sai số chọn mẫu lớn) nên không được công bố.",
    },
    "about.union_density": {"en": "trade union density", "vi": "tỷ lệ tham gia công đoàn"},
    "about.coverage": {
        "en": "collective bargaining coverage",
        "vi": "tỷ lệ bao phủ của thỏa ước lao động tập thể",
    },
    "about.below_minimum": {
        "en": "the share of wage workers paid below the regional minimum wage",
        "vi": "tỷ lệ người làm công hưởng lương có lương dưới mức lương tối thiểu vùng",
    },
    "about.pay_gap": {
        "en": "the gender pay gap",
        "vi": "chênh lệch tiền lương theo giờ giữa nam và nữ",
    },
    "text.trend": {
        "en": "Chart 1 follows both rates since {first}. Where the confidence intervals of "
        "two years overlap widely, the difference between them may be sampling noise.",
        "vi": "Biểu đồ 1 thể hiện hai tỷ lệ từ năm {first}. Khi khoảng tin cậy của hai năm "
        "chồng lên nhau nhiều, chênh lệch giữa hai năm có thể chỉ do sai số chọn mẫu.",
    },
    "text.strikes": {
        "en": "The strike register recorded {actions:,} strikes in {year}; "
        "{not_led:.0f}% of them were not led by a trade union.",
        "vi": "Sổ theo dõi ghi nhận {actions:,} cuộc đình công trong năm {year}; "
        "{not_led:.0f}% trong số đó không do công đoàn lãnh đạo.",
    },
    "text.strike_days": {
        "en": "They involved {workers:,} workers and cost {days:,} days not worked, or "
        "{per1000:.1f} days per 1,000 employees.",
        "vi": "Các cuộc đình công này có {workers:,} người lao động tham gia, làm mất "
        "{days:,} ngày công, tương đương {per1000:.1f} ngày công trên 1.000 người làm công "
        "hưởng lương.",
    },
    "text.strike_days_hidden": {
        "en": "The workers involved and the days not worked are not published: a few "
        "strikes make up most of the total, which would reveal them.",
        "vi": "Số người tham gia và số ngày công bị mất không được công bố: một vài cuộc "
        "đình công chiếm phần lớn tổng số, nên công bố sẽ làm lộ thông tin của chúng.",
    },
    "text.strikes_none": {
        "en": "The strike register recorded no strike in {year}.",
        "vi": "Sổ theo dõi không ghi nhận cuộc đình công nào trong năm {year}.",
    },
    "text.disputes_none": {
        "en": "No labour dispute was filed in {year}.",
        "vi": "Năm {year} không có vụ tranh chấp lao động nào được yêu cầu giải quyết.",
    },
    "text.agreements_none": {
        "en": "No collective agreement was signed in {year}.",
        "vi": "Năm {year} không có thỏa ước lao động tập thể nào được ký.",
    },
    "text.strikes_few": {
        "en": "Fewer than {threshold} strikes were recorded in {year}: their number and "
        "details are not published, to protect the enterprises concerned.",
        "vi": "Có dưới {threshold} cuộc đình công được ghi nhận trong năm {year}: số cuộc và "
        "thông tin chi tiết không được công bố để bảo vệ các doanh nghiệp liên quan.",
    },
    "text.disputes": {
        "en": "{disputes:,} labour disputes were filed in {year}, and {settled:.1f}% of them "
        "were settled by 31 December.",
        "vi": "Năm {year} có {disputes:,} vụ tranh chấp lao động được yêu cầu giải quyết, "
        "trong đó {settled:.1f}% đã được giải quyết xong đến ngày 31/12.",
    },
    "text.disputes_median": {
        "en": "Half of them were settled within {days:,.0f} days (Kaplan–Meier median, which "
        "also counts the disputes still open).",
        "vi": "Một nửa số vụ được giải quyết trong vòng {days:,.0f} ngày (trung vị "
        "Kaplan–Meier, có tính cả các vụ chưa giải quyết xong).",
    },
    "text.disputes_median_open": {
        "en": "Fewer than half of them were settled by the end of the year.",
        "vi": "Chưa đến một nửa số vụ được giải quyết xong trước cuối năm.",
    },
    "text.disputes_few": {
        "en": "Fewer than {threshold} labour disputes were filed in {year}: they are not "
        "published.",
        "vi": "Có dưới {threshold} vụ tranh chấp lao động trong năm {year}: số liệu không "
        "được công bố.",
    },
    "text.agreements": {
        "en": "{signed:,} collective agreements were signed in {year}; {share:.1f}% of them "
        "set a lowest wage above the regional minimum wage.",
        "vi": "Năm {year} có {signed:,} thỏa ước lao động tập thể được ký; {share:.1f}% trong "
        "số đó quy định mức lương thấp nhất cao hơn lương tối thiểu vùng.",
    },
    "text.agreements_few": {
        "en": "Fewer than {threshold} collective agreements were signed in {year}: they are "
        "not published.",
        "vi": "Có dưới {threshold} thỏa ước được ký trong năm {year}: số liệu không được công bố.",
    },
    "text.in_force": {
        "en": "On 31 December {year}, {in_force:,} agreements were in force.",
        "vi": "Đến ngày 31/12/{year}, có {in_force:,} thỏa ước còn hiệu lực.",
    },
    "text.in_force_covered": {
        "en": "On 31 December {year}, {in_force:,} agreements were in force, covering "
        "{covered:,} workers.",
        "vi": "Đến ngày 31/12/{year}, có {in_force:,} thỏa ước còn hiệu lực, áp dụng cho "
        "{covered:,} người lao động.",
    },
    "text.in_force_few": {
        "en": "Fewer than {threshold} agreements were in force on 31 December {year}: they "
        "are not published.",
        "vi": "Có dưới {threshold} thỏa ước còn hiệu lực ngày 31/12/{year}: số liệu không "
        "được công bố.",
    },
    "text.minimum_schedule": {
        "en": "Regional minimum wage in force on 31 December {year} (Decree {decree}), VND per "
        "month: {amounts}.",
        "vi": "Mức lương tối thiểu vùng áp dụng ngày 31/12/{year} (Nghị định {decree}), đồng/"
        "tháng: {amounts}.",
    },
    "methods.density": {
        "en": "**Trade union density** = union members who are employees ÷ employees × 100; "
        "**collective bargaining coverage** = employees covered by a collective agreement ÷ "
        "employees × 100 (ILOSTAT series ILR_TUMT_NOC_RT and ILR_CBCT_NOC_RT). Both are "
        "estimated from the survey with its weights.",
        "vi": "**Tỷ lệ tham gia công đoàn** = số đoàn viên là người làm công hưởng lương ÷ "
        "số người làm công hưởng lương × 100; **tỷ lệ bao phủ của thỏa ước** = số người làm "
        "công hưởng lương được thỏa ước lao động tập thể áp dụng ÷ số người làm công hưởng "
        "lương × 100 (chuỗi số liệu ILOSTAT ILR_TUMT_NOC_RT và ILR_CBCT_NOC_RT). Cả hai được "
        "ước lượng từ điều tra, có sử dụng quyền số.",
    },
    "methods.strikes": {
        "en": "**Strikes** follow the 15th ICLS (1993): number of strikes, workers involved, "
        "days not worked, and days not worked per 1,000 employees.",
        "vi": "**Đình công** được thống kê theo Nghị quyết của Hội nghị quốc tế các nhà thống "
        "kê lao động lần thứ 15 (1993): số cuộc, số người tham gia, số ngày công không làm "
        "việc và số ngày công không làm việc trên 1.000 người làm công hưởng lương.",
    },
    "methods.precision": {
        "en": "**Precision.** Survey estimates have a sampling error. Standard errors account "
        "for the survey design (strata, enumeration areas, weights). An estimate with a "
        "coefficient of variation above {cv_publish:.0f}% or fewer than {n_publish} sample "
        "observations is marked “use with caution”; above {cv_suppress:.0f}% or with fewer "
        "than {n_suppress} observations it is not published ({symbol_unreliable}).",
        "vi": "**Độ chính xác.** Ước lượng từ điều tra có sai số chọn mẫu. Sai số chuẩn được "
        "tính theo thiết kế mẫu (tầng, địa bàn điều tra, quyền số). Ước lượng có hệ số biến "
        "thiên trên {cv_publish:.0f}% hoặc dưới {n_publish} quan sát được ghi “sử dụng thận "
        "trọng”; trên {cv_suppress:.0f}% hoặc dưới {n_suppress} quan sát thì không công bố "
        "({symbol_unreliable}).",
    },
    "methods.confidentiality": {
        "en": "**Confidentiality.** A table cell counting fewer than {threshold} strikes, "
        "disputes or agreements, and a total of workers or days coming from fewer than "
        "{contributors} enterprises or dominated by one or two of them, is not published "
        "({symbol_confidential}); so are the other cells from which it could be worked out.",
        "vi": "**Bảo mật thông tin.** Ô số liệu đếm dưới {threshold} cuộc đình công, vụ tranh "
        "chấp hay thỏa ước, và tổng số người hay ngày công đến từ dưới {contributors} doanh "
        "nghiệp hoặc do một, hai doanh nghiệp chiếm phần lớn, thì không được công bố "
        "({symbol_confidential}); các ô khác có thể dùng để suy ra ô đó cũng không được công bố.",
    },
    "methods.minimum": {
        "en": "**Minimum wage.** The regional minimum wage (Regions I–IV) is that of the "
        "decree in force on the survey's reference day, in the region where the person works.",
        "vi": "**Lương tối thiểu.** Mức lương tối thiểu vùng (vùng I–IV) là mức của nghị định "
        "có hiệu lực vào ngày tham chiếu của điều tra, tại vùng nơi người đó làm việc.",
    },
    "notes.symbol_unreliable": {
        "en": "Not published: the estimate is too imprecise (small sample or large "
        "sampling error).",
        "vi": "Không công bố: ước lượng có độ chính xác quá thấp (mẫu nhỏ hoặc sai số chọn "
        "mẫu lớn).",
    },
    "notes.symbol_confidential": {
        "en": "Not published, to protect the confidentiality of the enterprises concerned.",
        "vi": "Không công bố, để bảo mật thông tin của các doanh nghiệp liên quan.",
    },
    "files.html": {"en": "This report (HTML)", "vi": "Báo cáo này (HTML)"},
    "files.xlsx": {
        "en": "Tables, confidentiality rules applied (XLSX)",
        "vi": "Các bảng số liệu, đã áp dụng quy tắc bảo mật (XLSX)",
    },
    "files.png": {"en": "Chart {number} (PNG)", "vi": "Biểu đồ {number} (PNG)"},
    # ---------------------------------------------------------------- policy brief (module 6)
    "brief.change.up": {
        "en": "Union density in {place} rose from {before:.1f}% in {previous} to {after:.1f}% "
        "in {year}. The rise of {change:.1f} percentage points is larger than its margin of "
        "error (±{moe:.1f} points), so it is unlikely to be sampling noise.",
        "vi": "Tỷ lệ tham gia công đoàn ở {place} tăng từ {before:.1f}% năm {previous} lên "
        "{after:.1f}% năm {year}. Mức tăng {change:.1f} điểm phần trăm lớn hơn biên sai số "
        "(±{moe:.1f} điểm), nên khó có thể chỉ do sai số chọn mẫu.",
    },
    "brief.change.down": {
        "en": "Union density in {place} fell from {before:.1f}% in {previous} to {after:.1f}% "
        "in {year}. The fall of {change:.1f} percentage points is larger than its margin of "
        "error (±{moe:.1f} points), so it is unlikely to be sampling noise.",
        "vi": "Tỷ lệ tham gia công đoàn ở {place} giảm từ {before:.1f}% năm {previous} xuống "
        "{after:.1f}% năm {year}. Mức giảm {change:.1f} điểm phần trăm lớn hơn biên sai số "
        "(±{moe:.1f} điểm), nên khó có thể chỉ do sai số chọn mẫu.",
    },
    "brief.change.none": {
        "en": "Union density in {place} was {before:.1f}% in {previous} and {after:.1f}% in "
        "{year}. The difference of {change:.1f} percentage points is within its margin of "
        "error (±{moe:.1f} points): the survey cannot tell whether density changed.",
        "vi": "Tỷ lệ tham gia công đoàn ở {place} là {before:.1f}% năm {previous} và "
        "{after:.1f}% năm {year}. Chênh lệch {change:.1f} điểm phần trăm nằm trong biên sai "
        "số (±{moe:.1f} điểm): số liệu điều tra chưa cho phép kết luận tỷ lệ này có thay đổi "
        "hay không.",
    },
    "brief.minimum": {
        "en": "If wages stayed at their {year} level, {below:.1f}% of wage workers in {place} "
        "would earn less than the new regional minimum wage from {date}, and a further "
        "{near:.1f}% would earn less than {margin:.0f}% above it.",
        "vi": "Nếu tiền lương giữ nguyên mức năm {year}, {below:.1f}% người làm công hưởng "
        "lương ở {place} sẽ có lương thấp hơn mức lương tối thiểu vùng mới áp dụng từ ngày "
        "{date}, và thêm {near:.1f}% có lương cao hơn mức mới chưa đến {margin:.0f}%.",
    },
    "brief.minimum.region": {
        "en": "{region}: new minimum {minimum:,} VND per month; below it {below}, "
        "just above it {near}.",
        "vi": "{region}: mức tối thiểu mới {minimum:,} đồng/tháng; thấp hơn mức mới {below}, "
        "cao hơn chưa đến 10% {near}.",
    },
    # ---------------------------------------------------------------- capstone (module 7)
    "capstone.title": {
        "en": "Labour relations in {place}, {year}: a policy brief",
        "vi": "Quan hệ lao động ở {place} năm {year}: bản tóm tắt chính sách",
    },
    "capstone.banner": {
        "en": "SYNTHETIC DATA, FOR TRAINING ONLY",
        "vi": "DỮ LIỆU MÔ PHỎNG, CHỈ DÙNG CHO ĐÀO TẠO",
    },
    "capstone.synthetic": {
        "en": "Every figure in this brief is computed from the kit's synthetic data, drawn by "
        "a seeded generator: they describe no real person, enterprise or strike and are not "
        "statistics about Viet Nam.",
        "vi": "Mọi số liệu trong bản tóm tắt này được tính từ dữ liệu mô phỏng của bộ tài "
        "liệu, do bộ sinh số liệu có hạt giống cố định tạo ra: chúng không mô tả bất kỳ người, "
        "doanh nghiệp hay cuộc đình công có thật nào và không phải là số liệu thống kê về "
        "Việt Nam.",
    },
    "capstone.made_by": {
        "en": "Made by one command from the raw agency deliveries of the kit's synthetic "
        "data (seed {seed}); every figure can be re-created and checked against "
        "manifest.json.",
        "vi": "Được lập bằng một lệnh duy nhất, từ các tệp số liệu thô do cơ quan gửi trong "
        "bộ dữ liệu mô phỏng (hạt giống {seed}); mọi số liệu đều có thể tạo lại và đối chiếu "
        "với tệp manifest.json.",
    },
    "capstone.sec.messages": {"en": "Key messages", "vi": "Thông điệp chính"},
    "capstone.sec.impact": {
        "en": "The impact question: did the minimum wage rise raise low pay?",
        "vi": "Câu hỏi về tác động: tăng lương tối thiểu vùng có làm tăng lương của người "
        "lương thấp không?",
    },
    "capstone.sec.data": {
        "en": "About the data and how this brief was made",
        "vi": "Về số liệu và cách lập bản tóm tắt này",
    },
    "capstone.strikes.full": {
        "en": "In {year} the ministry's register recorded {ministry:,} work stoppages in "
        "{place} and VGCL's register {vgcl:,}; {both:,} were in both, so {distinct:,} distinct "
        "stoppages are known to either.",
        "vi": "Năm {year}, sổ theo dõi của Bộ ghi nhận {ministry:,} cuộc ngừng việc tập thể ở "
        "{place} và sổ của Tổng Liên đoàn ghi nhận {vgcl:,} cuộc; {both:,} cuộc có trong cả "
        "hai sổ, nên có {distinct:,} cuộc ngừng việc khác nhau được ít nhất một sổ ghi nhận.",
    },
    "capstone.strikes.total_only": {
        "en": "In {year}, {distinct:,} distinct work stoppages in {place} are known to the "
        "ministry or VGCL; how they split between the two registers is not published, to "
        "protect the enterprises concerned.",
        "vi": "Năm {year}, có {distinct:,} cuộc ngừng việc tập thể khác nhau ở {place} được Bộ "
        "hoặc Tổng Liên đoàn ghi nhận; số cuộc theo từng sổ không được công bố để bảo vệ các "
        "doanh nghiệp liên quan.",
    },
    "capstone.strikes.hidden": {
        "en": "The number of work stoppages in {place} in {year} is not published, to "
        "protect the confidentiality of the enterprises concerned.",
        "vi": "Số cuộc ngừng việc tập thể ở {place} năm {year} không được công bố, để bảo mật "
        "thông tin của các doanh nghiệp liên quan.",
    },
    "capstone.strikes.none": {
        "en": "Neither the ministry nor VGCL recorded a work stoppage in {place} in {year}.",
        "vi": "Cả Bộ và Tổng Liên đoàn đều không ghi nhận cuộc ngừng việc tập thể nào ở "
        "{place} năm {year}.",
    },
    "capstone.strikes.linkage": {
        "en": "The two producers define and count stoppages differently. Their registers were "
        "linked record by record, so that no stoppage is counted twice; against the "
        "generator's true links, {precision:.0f}% of the links made were right and "
        "{recall:.0f}% of the true pairs were found.",
        "vi": "Hai cơ quan định nghĩa và thống kê ngừng việc khác nhau. Hai sổ được liên kết "
        "theo từng bản ghi để không cuộc nào bị đếm hai lần; so với các cặp liên kết thực của "
        "bộ sinh số liệu, {precision:.0f}% số liên kết được tạo là đúng và {recall:.0f}% số "
        "cặp thực được tìm thấy.",
    },
    "capstone.impact.up": {
        "en": "The rise of the regional minimum wage on {date} raised the monthly pay of the "
        "low paid by about {pct:.1f}% (95% confidence interval: {low:.1f}% to {high:.1f}%).",
        "vi": "Việc tăng lương tối thiểu vùng từ ngày {date} đã làm lương tháng của người lương "
        "thấp tăng khoảng {pct:.1f}% (khoảng tin cậy 95%: từ {low:.1f}% đến {high:.1f}%).",
    },
    "capstone.impact.down": {
        "en": "After the rise of the regional minimum wage on {date}, the monthly pay of the "
        "low paid fell behind that of better-paid employees by about {pct:.1f}% (95% "
        "confidence interval: {low:.1f}% to {high:.1f}%).",
        "vi": "Sau khi tăng lương tối thiểu vùng từ ngày {date}, lương tháng của người lương "
        "thấp tụt lại so với người lương cao hơn khoảng {pct:.1f}% (khoảng tin cậy 95%: từ "
        "{low:.1f}% đến {high:.1f}%).",
    },
    "capstone.impact.none": {
        "en": "The survey cannot tell whether the rise of the regional minimum wage on {date} "
        "raised the monthly pay of the low paid: the estimate is {pct:.1f}%, but its 95% "
        "confidence interval runs from {low:.1f}% to {high:.1f}% and includes zero.",
        "vi": "Số liệu điều tra chưa cho phép kết luận việc tăng lương tối thiểu vùng từ ngày "
        "{date} có làm tăng lương tháng của người lương thấp hay không: ước lượng là "
        "{pct:.1f}%, nhưng khoảng tin cậy 95% từ {low:.1f}% đến {high:.1f}% có chứa giá trị 0.",
    },
    "capstone.impact.who": {
        "en": "The low paid are the employees paid less than 1.1 times the new minimum of "
        "their region; the comparison group, the better-paid employees. The estimate is a "
        "difference-in-differences from the quarter before the rise to the quarter of the "
        "rise, with standard errors clustered by enumeration area ({n:,} employees in "
        "{clusters:,} areas). The minimum wage is set by region, not by province, so it pools "
        "the three pilot provinces.",
        "vi": "Người lương thấp là người làm công hưởng lương có lương dưới 1,1 lần mức tối "
        "thiểu mới của vùng; nhóm so sánh là những người có lương cao hơn. Ước lượng là "
        "khác biệt kép giữa quý trước khi tăng lương và quý bắt đầu tăng lương, với sai số "
        "chuẩn theo cụm địa bàn điều tra ({n:,} người làm công ở {clusters:,} địa bàn). "
        "Lương tối thiểu được quy định theo vùng chứ không theo tỉnh, nên ước lượng gộp cả ba "
        "tỉnh, thành phố thí điểm.",
    },
    "capstone.impact.truth_in": {
        "en": "Teaching note: because the data are synthetic, the true effect is known: "
        "{truth:.1f}%. The confidence interval contains it.",
        "vi": "Ghi chú cho đào tạo: vì số liệu là mô phỏng nên biết được tác động thực: "
        "{truth:.1f}%. Khoảng tin cậy có chứa giá trị này.",
    },
    "capstone.impact.truth_out": {
        "en": "Teaching note: because the data are synthetic, the true effect is known: "
        "{truth:.1f}%. The confidence interval does not contain it.",
        "vi": "Ghi chú cho đào tạo: vì số liệu là mô phỏng nên biết được tác động thực: "
        "{truth:.1f}%. Khoảng tin cậy không chứa giá trị này.",
    },
    "capstone.table.strikes": {
        "en": "Table 2. Distinct work stoppages by year and register, {place}, {first}–{year}",
        "vi": "Bảng 2. Số cuộc ngừng việc tập thể khác nhau theo năm và sổ ghi nhận, {place}, "
        "{first}–{year}",
    },
    "capstone.table.impact": {
        "en": "Table 3. Effect of the minimum wage rise of {date} on the log monthly wage of "
        "the low paid (log points)",
        "vi": "Bảng 3. Tác động của lần tăng lương tối thiểu vùng từ ngày {date} đến logarit "
        "lương tháng của người lương thấp (điểm log)",
    },
    "capstone.table.accounting": {
        "en": "Table 4. Rows received, kept and set aside at each step of the pipeline",
        "vi": "Bảng 4. Số dòng nhận vào, giữ lại và để riêng ở từng bước xử lý",
    },
    "capstone.col.both": {"en": "In both registers", "vi": "Có trong cả hai sổ"},
    "capstone.col.ministry_only": {"en": "Ministry only", "vi": "Chỉ trong sổ của Bộ"},
    "capstone.col.vgcl_only": {"en": "VGCL only", "vi": "Chỉ trong sổ của Tổng Liên đoàn"},
    "capstone.col.estimate": {"en": "Estimate", "vi": "Ước lượng"},
    "capstone.col.se": {"en": "Standard error", "vi": "Sai số chuẩn"},
    "capstone.col.employees": {"en": "Employees", "vi": "Số người làm công"},
    "capstone.col.areas": {"en": "Enumeration areas", "vi": "Số địa bàn điều tra"},
    "capstone.col.truth": {
        "en": "True effect (synthetic data only)",
        "vi": "Tác động thực (chỉ có với số liệu mô phỏng)",
    },
    "capstone.col.step": {"en": "Step", "vi": "Bước"},
    "capstone.step.raw": {"en": "raw", "vi": "tiếp nhận (raw)"},
    "capstone.step.clean": {"en": "clean", "vi": "làm sạch (clean)"},
    "capstone.step.link": {"en": "link", "vi": "liên kết (link)"},
    "capstone.step.indicators": {"en": "indicators", "vi": "chỉ tiêu (indicators)"},
    "capstone.step.impact": {"en": "impact", "vi": "tác động (impact)"},
    "capstone.step.brief": {"en": "brief", "vi": "bản tóm tắt (brief)"},
    "capstone.part.workers": {
        "en": "labour force survey records",
        "vi": "bản ghi điều tra lao động việc làm",
    },
    "capstone.part.enterprises": {"en": "enterprise frame", "vi": "danh sách doanh nghiệp"},
    "capstone.part.province.ministry_strikes": {
        "en": "the ministry's records of the province",
        "vi": "bản ghi của Bộ thuộc tỉnh, thành phố",
    },
    "capstone.part.province.vgcl_strikes": {
        "en": "VGCL's records of the province",
        "vi": "bản ghi của Tổng Liên đoàn thuộc tỉnh, thành phố",
    },
    "capstone.part.distinct": {
        "en": "records of both registers → distinct stoppages",
        "vi": "bản ghi của hai sổ → số cuộc ngừng việc khác nhau",
    },
    "capstone.part.survey": {
        "en": "survey records of the province and year",
        "vi": "bản ghi điều tra của tỉnh, thành phố trong năm",
    },
    "capstone.part.stoppages": {
        "en": "distinct stoppages of the province, all years",
        "vi": "các cuộc ngừng việc khác nhau của tỉnh, thành phố, mọi năm",
    },
    "capstone.part.impact": {
        "en": "survey records of the quarter before and of the rise of {date}",
        "vi": "bản ghi điều tra của quý trước và quý tăng lương tối thiểu từ ngày {date}",
    },
    "capstone.col.part": {"en": "Part", "vi": "Phần"},
    "capstone.col.received": {"en": "Received", "vi": "Nhận vào"},
    "capstone.col.kept": {"en": "Kept", "vi": "Giữ lại"},
    "capstone.col.set_aside": {"en": "Set aside", "vi": "Để riêng"},
    "capstone.ind.distinct": {
        "en": "Distinct work stoppages (ministry or VGCL)",
        "vi": "Số cuộc ngừng việc tập thể khác nhau (Bộ hoặc Tổng Liên đoàn)",
    },
    "capstone.unit.stoppages": {"en": "stoppages", "vi": "cuộc"},
    "capstone.source.registers": {
        "en": "Ministry and VGCL strike registers, linked (synthetic)",
        "vi": "Sổ theo dõi ngừng việc của Bộ và Tổng Liên đoàn, đã liên kết (mô phỏng)",
    },
    "capstone.data.sources": {
        "en": "Sources: the labour ministry's strike register and VGCL's stoppage register, "
        "as the agencies deliver them (raw/bo_dinh_cong.csv, raw/tld_ngung_viec.csv); the "
        "labour force survey records; the regional minimum wage decrees. All microdata are "
        "synthetic; the decrees are real.",
        "vi": "Nguồn số liệu: sổ theo dõi đình công của Bộ và sổ theo dõi ngừng việc của Tổng "
        "Liên đoàn, đúng như cơ quan gửi (raw/bo_dinh_cong.csv, raw/tld_ngung_viec.csv); số "
        "liệu điều tra lao động việc làm; các nghị định về lương tối thiểu vùng. Mọi vi dữ "
        "liệu đều là mô phỏng; các nghị định là có thật.",
    },
    "capstone.data.cleaning": {
        "en": "Cleaning: of the {received:,} rows of {register}, {kept:,} were kept and "
        "{aside:,} set aside with a reason, to go back to the agency; the cleaning found "
        "{found:,} of the {faults:,} faults listed in the generator's error ledger.",
        "vi": "Làm sạch: trong {received:,} dòng của {register}, {kept:,} dòng được giữ lại và "
        "{aside:,} dòng được để riêng kèm lý do để gửi lại cơ quan cung cấp; quá trình làm "
        "sạch phát hiện {found:,} trong số {faults:,} lỗi ghi trong sổ ghi lỗi của bộ sinh số "
        "liệu.",
    },
    "capstone.register.ministry_strikes": {
        "en": "the ministry's strike register",
        "vi": "sổ theo dõi đình công của Bộ",
    },
    "capstone.register.vgcl_strikes": {
        "en": "VGCL's stoppage register",
        "vi": "sổ theo dõi ngừng việc của Tổng Liên đoàn",
    },
    "capstone.data.rules": {
        "en": "Precision and confidentiality: survey estimates come with their 95% "
        "confidence interval and a quality flag; an estimate too imprecise to publish is "
        "shown as “..”. Register counts of 1 to {threshold_minus:,} stoppages are hidden, "
        "with other cells so that none can be worked out from the totals, and shown as “x”.",
        "vi": "Độ chính xác và bảo mật: các ước lượng từ điều tra có kèm khoảng tin cậy 95% và "
        "đánh giá chất lượng; ước lượng có độ chính xác quá thấp được thay bằng “..”. Các số "
        "đếm từ 1 đến {threshold_minus:,} cuộc được che, cùng với các ô khác để không ô nào "
        "có thể tính lại từ các tổng, và được thay bằng “x”.",
    },
    "capstone.data.reproduce": {
        "en": "To re-create this brief and every file beside it, run: {command}. "
        "manifest.json lists the parameters, the software versions and the SHA-256 checksum "
        "of every input and output; checklist.md records the reproducibility checks of the "
        "run.",
        "vi": "Để tạo lại bản tóm tắt này và mọi tệp đi kèm, chạy lệnh: {command}. Tệp "
        "manifest.json ghi các tham số, phiên bản phần mềm và mã kiểm tra SHA-256 của mọi "
        "tệp đầu vào và đầu ra; tệp checklist.md ghi kết quả các bước kiểm tra khả năng tái "
        "lập của lần chạy.",
    },
}

_MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def check_lang(lang: object) -> str:
    """Return ``lang`` if it is a report language; raise ``ValueError`` listing them if not."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang {lang!r} is not one of the valid values: {', '.join(LANGUAGES)}")
    return str(lang)


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _is_missing(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return _is_number(value) and isinstance(value, numbers.Real) and math.isnan(float(value))


def _localise(text: str, lang: str) -> str:
    """Swap the English separators of a formatted number for those of ``lang``."""
    if lang == "vi":
        return text.translate(str.maketrans({",": ".", ".": ","}))
    return text


def format_number(value: object, lang: str, spec: str = "") -> str:
    """Return ``value`` written with the format ``spec`` in language ``lang``.

    ``spec`` is a Python format specification (``".1f"``, ``",.0f"``, ``","``…). Without
    one, a whole number is written as is and any other number with one decimal. Missing
    values give :data:`MISSING`.

    >>> format_number(1234567.891, "vi", ",.1f")
    '1.234.567,9'
    """
    check_lang(lang)
    if _is_missing(value):
        return MISSING
    if not _is_number(value):
        raise TypeError(f"format_number needs a number, got {type(value).__name__}: {value!r}")
    if not spec:
        is_whole = isinstance(value, numbers.Integral)
        spec = "d" if is_whole else ".1f"
    return _localise(format(value, spec), lang)


def number(value: object, lang: str, decimals: int = 1, grouping: bool = True) -> str:
    """Return ``value`` with ``decimals`` decimals (and thousands grouped) in ``lang``.

    ``number(53.21, "vi")`` → ``"53,2"``; ``number(12345, "en", 0)`` → ``"12,345"``.
    """
    if decimals < 0:
        raise ValueError(f"decimals={decimals} must be 0 or more")
    return format_number(value, lang, f"{',' if grouping else ''}.{decimals}f")


def format_date(day: date | str | pd.Timestamp, lang: str) -> str:
    """Return ``day`` as "1 January 2026" (English) or "1/1/2026" (Vietnamese)."""
    check_lang(lang)
    when = pd.Timestamp(day)
    if lang == "vi":
        return f"{when.day}/{when.month}/{when.year}"
    return f"{when.day} {_MONTHS_EN[when.month - 1]} {when.year}"


class _Formatter(string.Formatter):
    """A ``str.format`` whose numbers follow the language's separators."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        if _is_missing(value) or _is_number(value):
            return format_number(value, self.lang, format_spec)
        return super().format_field(value, format_spec)


def placeholders(text: str) -> set[str]:
    """Return the names of the ``{placeholders}`` in ``text``."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def t(key: str, lang: str, **values: Any) -> str:
    """Return message ``key`` in language ``lang`` with ``values`` put in its placeholders.

    Numbers are written the way ``lang`` writes them (see the module docstring). Raises
    ``KeyError`` for an unknown message id (suggesting close ones), ``ValueError`` for an
    unknown language and ``KeyError`` naming a placeholder left without a value.
    """
    check_lang(lang)
    if key not in MESSAGES:
        close = difflib.get_close_matches(key, MESSAGES, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no message {key!r} in lrkit.labels.MESSAGES{hint}")
    entry = MESSAGES[key]
    if lang not in entry:
        raise KeyError(f"message {key!r} has no {lang!r} text (it has {', '.join(entry)})")
    text = entry[lang]
    missing = placeholders(text) - set(values)
    if missing:
        raise KeyError(f"message {key!r} needs a value for {', '.join(sorted(missing))}")
    return unicodedata.normalize("NFC", _Formatter(lang).format(text, **values))


def label(kind: str, code: object, lang: str) -> str:
    """Return the label of category ``code`` of ``kind`` (``label("cause", "wages", "vi")``)."""
    return t(f"{kind}.{code}", lang)


def place_name(province: str, lang: str) -> str:
    """Return the name of a province (or ``"Viet Nam"``) as written in ``lang``.

    Province names keep their Vietnamese spelling in both languages, except Hồ Chí Minh
    City ("Thành phố Hồ Chí Minh") and the country ("Việt Nam").
    """
    check_lang(lang)
    special = {"Viet Nam": "place.viet_nam", "Hồ Chí Minh City": "place.hcmc"}
    name = unicodedata.normalize("NFC", province)
    return t(special[name], lang) if name in special else name


def lower_first(text: str) -> str:
    """Return ``text`` with its first letter in lower case, to use a label mid-sentence."""
    return text[:1].lower() + text[1:]
