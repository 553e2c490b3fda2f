#!/usr/bin/env python3
"""Curates the built-in template library from the five seed plans.

Reads the seed texts (by default ../shared/seeds, next to this repository) and writes one
template-set file per seed document: data/templates/<seed-file-stem>.json, in the format of
docs/file-format.md. The app never reads the seeds: it embeds the files this script writes,
and they are committed. Python 3.11, standard library only.

    python3 tools/curate_seeds.py            # (re)writes data/templates/*.json
    python3 tools/curate_seeds.py --check    # exits 1 if the committed files differ

Everything written comes from the seed text. Where extraction damaged a table (rows split
across pages, repeated header rows, a lost column, a merged cell split over rows) or where
prose has to be read as tasks, the decisions are made in this file, in the sections marked
CURATION below, each with its reason. The documents' own wording is kept, typos included
("Kiến toàn", "CÁI CÁCH"). A repair of one cell's text follows one rule, from one table
(REPAIRS), and is marked in the template it changes ("repairs": the field, the seed's cell,
why). The only other text changes, applied to every template alike, are these:

* whitespace runs become one space; markdown emphasis ("*", "**", "#") left by the
  extraction of seeds 001 and 003 is removed;
* a paragraph or cell cut by a page break is joined to its continuation with a space, and so
  is a task's further paragraph (seed 003): every text is one line;
* an agency cell becomes a list: split on ";" and on the "- " bullets of seed 004, and on ","
  only where the next part starts with the name of another agency (so "Các Sở, Ban, ngành",
  "UBND cấp huyện, cấp xã" and "UBND các huyện, thị xã, thành phố" stay whole); each item
  loses its trailing "." and gets a capital first letter; repeated items are dropped;
* a task's stated target ("Phấn đấu ...") moves from its content to its product (seed 003).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SEEDS = ROOT.parent / "shared" / "seeds"
OUT_DIR = ROOT / "data" / "templates"

FORMAT = "cchc-plan"
VERSION = 1

SEED_000 = "000_38c3f0ead9d0b132.txt"
SEED_001 = "001_55a94b4152f931ed.txt"
SEED_002 = "002_591ff2b9d60f55ba.txt"
SEED_003 = "003_21101acb890616cb.txt"
SEED_004 = "004_3d993c84cca7b04f.txt"

# ---------------------------------------------------------------------------------------
# Text helpers
# ---------------------------------------------------------------------------------------


def clean(text: str) -> str:
    """One line of text: whitespace runs collapsed, ends trimmed."""
    return " ".join(text.split())


def unmark(text: str) -> str:
    """Removes markdown emphasis and heading marks left by the extraction."""
    return clean(text.replace("*", "").lstrip("#"))


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", ":", ";", "!", "?", "”", ")"))


def starts_lower(text: str) -> bool:
    return bool(text) and text[0].islower()


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


# Words that start the name of an agency: a "," before one of them separates two agencies.
AGENCY_STARTS = (
    "UBND", "Ủy ban", "Uỷ ban", "UBMTTQ", "Sở ", "Các Sở", "các Sở", "Các sở", "các sở",
    "Văn phòng", "Các cơ quan", "các cơ quan", "Các đơn vị", "các đơn vị", "Hội ", "Tỉnh đoàn",
    "Đoàn ", "Đài ", "Báo ", "Ban ", "Trung tâm", "Kho bạc", "Cục ", "Thanh tra", "Công an",
    "Bưu điện", "Viễn thông", "Liên đoàn", "Công đoàn", "Mặt trận", "Bộ phận", "Cổng ", "Tổ ",
)

def split_agencies(cell: str) -> list[str]:
    """An agency cell as a list of agencies (see the module docstring for the rules)."""
    cell = clean(cell)
    if not cell:
        return []
    items: list[str] = []
    for bullet in re.split(r"(?:^|(?<=\.))\s*-\s+", cell):
        for piece in bullet.split(";"):
            chunks = piece.split(",")
            current = chunks[0]
            for chunk in chunks[1:]:
                if chunk.lstrip().startswith(AGENCY_STARTS):
                    items.append(current)
                    current = chunk.lstrip()
                else:
                    current += "," + chunk
            items.append(current)
    out: list[str] = []
    for item in items:
        item = upper_first(clean(item).rstrip(".,;").strip())
        if item and item not in out:
            out.append(item)
    return out


# ---------------------------------------------------------------------------------------
# CURATION: repairs
# ---------------------------------------------------------------------------------------
#
# One rule for every repair of the seed text. Where the extraction damaged a cell (words
# lost or a cell cut short at a page break, a merged cell split over rows, the separators
# of a list lost), the cell is restored only to a text that is certain: one the same
# document writes in full in the same column of a neighbouring row, or the one word that
# completes a cut word. A cell that is merely read differently (a role in an agency list)
# is a repair too. Nothing else is changed, and every repair is written into the template
# itself, as a "repairs" entry: the field, the cell exactly as the seed has it, and why
# (in Vietnamese, as the app may show it). A repair states the seed's cell, so that a
# change of the seed or of the extraction fails here instead of repairing the wrong text,
# and an entry that no template used fails too (see `apply_repairs`).
#
# id -> [(field, cell as the seed has it, repaired cell, why)]. For "lead" and "partners"
# the cells are agency cells, split by split_agencies like any other.

_LOST_UBND = (
    "Ô bị ngắt trang khi trích xuất, mất chữ “UBND cấp”; các dòng 3.1 và 3.3 cùng nhóm ghi "
    "đầy đủ “Các Sở, Ban, ngành; UBND cấp huyện, cấp xã”."
)
_NO_SEPARATOR = (
    "Khi trích xuất, ô mất dấu ngăn giữa các cơ quan; thêm dấu “;” giữa các cơ quan như "
    "các dòng khác của văn bản."
)
_MERGED_000_VIII = (
    "Ô cơ quan chủ trì được gộp cho ba dòng của mục VIII; khi trích xuất, chữ của ô bị chia "
    "cho dòng 1 và dòng 2, dòng 3 trống. Mỗi dòng nhận lại cả ô: “Các sở, ban, ngành được "
    "UBND tỉnh phân cấp QLNN theo ngành, lĩnh vực”."
)
_LEAD_000_VIII = "Các sở, ban, ngành được UBND tỉnh phân cấp QLNN theo ngành, lĩnh vực"

REPAIRS: dict[str, list[tuple[str, str, str, str]]] = {
    "000-VII-13": [(
        "product",
        "Hồ sơ, tài liệu hoàn chỉnh có thời hạn bảo quản cụ thể và vĩnh",
        "Hồ sơ, tài liệu hoàn chỉnh có thời hạn bảo quản cụ thể và vĩnh viễn",
        "Ô bị cắt cụt khi trích xuất (“… và vĩnh”); thêm chữ “viễn”, chữ duy nhất hoàn chỉnh "
        "thuật ngữ thời hạn bảo quản “vĩnh viễn”.",
    )],
    "000-VIII-1": [("lead", "Các sở, ban, ngành được UBND tỉnh", _LEAD_000_VIII, _MERGED_000_VIII)],
    "000-VIII-2": [("lead", "phân cấp QLNN theo ngành, lĩnh vực", _LEAD_000_VIII, _MERGED_000_VIII)],
    "000-VIII-3": [("lead", "", _LEAD_000_VIII, _MERGED_000_VIII)],
    "002-III-3.4": [(
        "lead",
        "Các Sở, Ban, ngành; huyện, cấp xã",
        "Các Sở, Ban, ngành; UBND cấp huyện, cấp xã",
        _LOST_UBND,
    )],
    "002-VII-7": [(
        "partners",
        "Văn phòng UBND tỉnh, các Sở, Ban, ngành; UBND cấp",
        "Văn phòng UBND tỉnh, các Sở, Ban, ngành; UBND cấp huyện, cấp xã",
        "Ô bị cắt cụt ở chỗ ngắt trang (“…; UBND cấp”); dòng VII.6 ngay trên ghi đầy đủ "
        "cùng các cơ quan phối hợp “Văn phòng UBND tỉnh, các Sở, Ban, ngành; UBND cấp huyện, "
        "cấp xã”.",
    )],
    "004-I-4": [
        (
            "partners",
            "Các sở, ban, ngành có liên quan, Sở Nội vụ tổng hợp",
            "Các sở, ban, ngành có liên quan",
            "“Sở Nội vụ tổng hợp” là việc Sở Nội vụ (cơ quan chủ trì) tổng hợp, không phải một "
            "cơ quan phối hợp; chuyển sang Ghi chú, giữ nguyên chữ.",
        ),
        (
            "note",
            "",
            "Sở Nội vụ tổng hợp",
            "Chuyển từ ô cơ quan phối hợp (xem sửa ở trường partners).",
        ),
    ],
    "004-III-11": [(
        "partners",
        "Các sở, ban, ngành UBND cấp huyện, UBND cấp xã",
        "Các sở, ban, ngành; UBND cấp huyện, UBND cấp xã",
        _NO_SEPARATOR,
    )],
    **{
        f"004-III-{n}": [(
            "partners",
            "Các sở, ban, ngành UBND cấp huyện UBND cấp xã",
            "Các sở, ban, ngành; UBND cấp huyện; UBND cấp xã",
            _NO_SEPARATOR,
        )]
        for n in (12, 13, 14, 15)
    },
}

AGENCY_FIELDS = ("lead", "partners")
# The ids whose repairs were applied in this run.
_applied: set[str] = set()


def apply_repairs(t: dict) -> None:
    """Applies the repairs of REPAIRS to a template and records them in it."""
    for field, seed_cell, repaired, why in REPAIRS.get(t["id"], []):
        if field in AGENCY_FIELDS:
            assert t[field] == split_agencies(seed_cell), (t["id"], field, t[field])
            t[field] = split_agencies(repaired)
        else:
            assert t[field] == seed_cell, (t["id"], field, t[field])
            t[field] = repaired
        t.setdefault("repairs", []).append({"field": field, "seed": seed_cell, "why": why})
        _applied.add(t["id"])


def template(
    *,
    id: str,
    source: str,
    area: str,
    area_title: str,
    content: str,
    group: list[str] | None = None,
    parent: str | None = None,
    product: str = "",
    lead: list[str] | None = None,
    partners: list[str] | None = None,
    deadline: str = "",
    budget: str | None = None,
    note: str = "",
    criteria: list[dict] | None = None,
) -> dict:
    """A template in the field order of docs/file-format.md (and of the Rust writer), with
    its repairs (see REPAIRS) applied and recorded."""
    assert content.strip(), id
    t = {
        "id": id,
        "source": source,
        "area": area,
        "area_title": area_title,
        "group": group or [],
        "parent": parent,
        "content": content,
        "product": product,
        "lead": lead or [],
        "partners": partners or [],
        "deadline": deadline,
        "budget": budget,
        "note": note,
        "criteria": criteria or [],
    }
    apply_repairs(t)
    return t


def source(id, file, province, year, document, document_date, title) -> dict:
    return {
        "id": id,
        "file": file,
        "province": province,
        "year": year,
        "document": document,
        "document_date": document_date,
        "title": title,
    }


def read_seed(seeds: Path, name: str) -> list[str]:
    return (seeds / name).read_text(encoding="utf-8").split("\n")


ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

# ---------------------------------------------------------------------------------------
# Seed 000: Hưng Yên, Phụ lục 1 (tab-separated: TT, Nhiệm vụ, Cơ quan chủ trì, Sản phẩm,
# Thời gian hoàn thành), sections I-VIII, 77 task rows.
# ---------------------------------------------------------------------------------------

AREAS_000 = {
    "I": "direction",
    "II": "institutions",
    "III": "procedures",
    "IV": "organisation",
    "V": "civil_service",
    "VI": "public_finance",
    "VII": "digital_government",
    "VIII": "decentralisation",
}

def curate_000(seeds: Path) -> dict:
    src = source(
        "seed-000",
        SEED_000,
        "Hưng Yên",
        2021,
        "",
        "",
        "Nhiệm vụ tham mưu triển khai Kế hoạch cải cách hành chính nhà nước của tỉnh giai đoạn "
        "2021-2025 của thành viên Ban Chỉ đạo cải cách hành chính tỉnh (Phụ lục 1)",
    )
    templates = []
    area = area_title = roman = None
    for line in read_seed(seeds, SEED_000):
        cells = [clean(c) for c in line.split("\t")]
        if not cells[0] or cells[0] == "TT":
            continue
        heading = re.match(r"^(I|II|III|IV|V|VI|VII|VIII)(?:\s+(.*))?$", cells[0])
        if heading:
            roman = heading.group(1)
            area = AREAS_000[roman]
            area_title = heading.group(2) or cells[1]
            continue
        if not re.fullmatch(r"\d+", cells[0]) or roman is None:
            continue
        cells += [""] * (5 - len(cells))
        number, content, lead, product, deadline = cells[:5]
        templates.append(
            template(
                id=f"000-{roman}-{number}",
                source=src["id"],
                area=area,
                area_title=area_title,
                content=content,
                product=product,
                lead=split_agencies(lead),
                deadline=deadline,
            )
        )
    assert len(templates) == 77, len(templates)
    return {"sources": [src], "templates": templates}


# ---------------------------------------------------------------------------------------
# Seed 001: Hưng Yên 2024, plan to improve the PAR INDEX. Prose: per area, the component
# criteria that lost points and the tasks/solutions (part II).
# ---------------------------------------------------------------------------------------

AREAS_001 = {
    1: "procedures",
    2: "organisation",
    3: "civil_service",
    4: "public_finance",
    5: "digital_government",
    6: "socio_economic",
    7: "direction",
}

# CURATION: the tasks of part II, section by section, in document order: one entry per
# paragraph under "x.3. Nhiệm vụ, giải pháp". `start` checks that the right paragraph is
# taken. `criteria` are the component criteria the paragraph answers: stated by its
# "Đối với tiêu chí thành phần ..." heading where there is one, otherwise read from its
# subject (an empty list when it answers none in particular). `lead`/`partners`: the
# agency the paragraph names as its subject; else the agency that part IV ("Tổ chức thực
# hiện") assigns to that work; else the agency part IV assigns to the whole area; else none.
# `deadline`: the paragraph's own "(hoàn thành) trong năm 2024", with a capital letter.
TASKS_001 = [
    # 1. Cải cách TTHC
    (1, "Các sở, ban, ngành tỉnh thực hiện", ["3.2.1"], ["Các sở, ban, ngành tỉnh"], [], ""),
    (1, "Văn phòng UBND tỉnh tăng cường theo dõi", ["3.2.1"], ["Văn phòng UBND tỉnh"], [], ""),
    (1, "Văn phòng UBND tỉnh tổ chức nhập", ["3.2.2"], ["Văn phòng UBND tỉnh"], [], ""),
    (1, "Các cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC trên địa bàn tỉnh phải",
     ["3.2.3"], ["Các cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC"], [], ""),
    (1, "Văn phòng UBND tỉnh thực hiện đồng bộ", ["3.2.3"], ["Văn phòng UBND tỉnh"], [], ""),
    (1, "Các cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC trên địa bàn tỉnh tổ chức",
     ["3.4.1", "3.4.2", "3.4.3"],
     ["Các cơ quan, đơn vị, địa phương có thẩm quyền tiếp nhận, giải quyết TTHC"], [], ""),
    # Part IV.2: "Văn phòng UBND tỉnh tăng cường đôn đốc, hướng dẫn, kiểm tra ..."
    (1, "Tăng cường kiểm tra, đánh giá định kỳ", ["3.4.1", "3.4.2", "3.4.3"],
     ["Văn phòng UBND tỉnh"], [], ""),
    # 2. Cải cách tổ chức bộ máy; part IV.3: Sở Nội vụ.
    (2, "Tiếp tục thực hiện quyết liệt", ["4.1.3"], ["Sở Nội vụ"], [], "Hoàn thành trong năm 2024"),
    # 3. Cải cách chế độ công vụ; part IV.4: Sở Nội vụ.
    (3, "Các huyện, thị xã, thành phố xây dựng kế hoạch", ["5.6"],
     ["Các huyện, thị xã, thành phố"], ["Sở Nội vụ"], "Hoàn thành trong năm 2024"),
    (3, "Cán bộ, công chức chưa đạt chuẩn", ["5.6"], ["Sở Nội vụ"], [], ""),
    # 4. Cải cách tài chính công; part IV.5.
    (4, "Tiếp tục chỉ đạo quán triệt", ["6.1.1"], ["Sở Kế hoạch và Đầu tư"],
     ["Sở Tài chính", "Kho bạc Nhà nước Hưng Yên", "UBND các huyện, thị xã, thành phố"], ""),
    (4, "Tiếp tục tổ chức thực hiện tốt các kiến nghị", ["6.1.3"], ["Sở Tài chính"], [], ""),
    (4, "Tiếp tục rà soát, thực hiện sắp xếp lại", ["6.2.3"], ["Sở Tài chính"], [], ""),
    (4, "Tổ chức triển khai thực hiện hoàn thành", ["6.3.1", "6.3.2"], ["Sở Tài chính"],
     ["Các cơ quan, đơn vị"], ""),
    # Neither paragraph names an agency, nor does part IV.5 for this work; part IV.8 gives
    # each sở the CCHC area it is in charge of ("Các sở, ngành: Nội vụ, Tư pháp, Tài chính, ...
    # theo dõi tiến độ ... theo lĩnh vực CCHC phụ trách"): Tài chính, the tài chính công. They
    # answer none of the section's criteria (giải ngân, kiến nghị sau thanh tra, nhà đất,
    # tự chủ of ĐVSNCL) in particular, so they have none.
    (4, "Tiếp tục thực hiện có hiệu quả Đề án chuyển đổi số", [], ["Sở Tài chính"], [], ""),
    (4, "Chấp hành nghiêm kỷ luật tài chính", [], ["Sở Tài chính"], [], ""),
    # 5. Chính phủ điện tử, Chính phủ số; part IV.6.
    (5, "Đối với tiêu chí thành phần “7.1.2.", ["7.1.2"], ["Sở Thông tin và Truyền thông"], [], ""),
    (5, "Đối với tiêu chí thành phần “7.1.3.", ["7.1.3"], ["Sở Nội vụ"],
     ["Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông"], ""),
    (5, "Đối với tiêu chí thành phần “7.1.4.", ["7.1.4"], ["Các sở, ban, ngành tỉnh"], [], ""),
    (5, "Đối với tiêu chí thành phần “7.3.6.", ["7.3.6"], ["Sở Thông tin và Truyền thông"], [], ""),
    (5, "Đối với tiêu chí thành phần “7.3.7.", ["7.3.7"], ["Sở Thông tin và Truyền thông"], [], ""),
    (5, "Thường xuyên rà soát, công bố danh mục TTHC", ["7.3.6", "7.3.7"],
     ["Sở Thông tin và Truyền thông"], [], ""),
    # Part IV.2: the agencies staff their own Bộ phận Một cửa.
    (5, "Bố trí cán bộ, công chức, viên chức làm việc tại Bộ phận một cửa", ["7.3.6", "7.3.7"],
     ["Các cơ quan, đơn vị"], [], ""),
    # Part IV.6: the press and broadcasting of the province.
    (5, "Tăng cường công tác tuyên truyền", ["7.3.6", "7.3.7"],
     ["Đài Phát thanh và Truyền hình Hưng Yên", "Báo Hưng Yên"], [], ""),
    (5, "Tăng cường đào tạo, tập huấn", ["7.3.6", "7.3.7"], ["Sở Thông tin và Truyền thông"], [], ""),
    # 6. Phát triển kinh tế - xã hội; part IV.7.
    (6, "Thực hiện nghiêm túc và có hiệu quả Nghị quyết số 02/NQ-CP", [], ["Sở Kế hoạch và Đầu tư"], [], ""),
    (6, "Cải thiện môi trường đầu tư", ["8.3.2"],
     ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các khu công nghiệp tỉnh"], [], ""),
    (6, "Ưu tiên thu hút đầu tư", ["8.3.2"],
     ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các khu công nghiệp tỉnh"], [], ""),
    (6, "Tăng cường các hoạt động xúc tiến đầu tư", ["8.3.2"],
     ["Sở Kế hoạch và Đầu tư", "Ban Quản lý các khu công nghiệp tỉnh"], [], ""),
    (6, "Tập trung tháo gỡ khó khăn", ["8.5"], ["Sở Kế hoạch và Đầu tư"], [], ""),
    (6, "Rà soát, phát hiện, xử lý nhanh", ["8.5"], ["Sở Kế hoạch và Đầu tư"], [], ""),
    (6, "Tiếp tục tăng cường công tác thanh tra", ["8.5"], ["Sở Kế hoạch và Đầu tư"], [], ""),
    (6, "Tiếp tục tham mưu UBND tỉnh tập trung khai thác", ["8.3.3"], ["Cục Thuế tỉnh Hưng Yên"], [], ""),
    (6, "Thực hiện công khai minh bạch TTHC về lĩnh vực đăng ký doanh nghiệp", ["8.3.2"],
     ["Sở Kế hoạch và Đầu tư"], [], ""),
    # 7. Công tác chỉ đạo, điều hành; part IV.8.
    (7, "Cơ quan được giao chủ trì", ["1.7"], ["Cơ quan được giao chủ trì"], [], ""),
    (7, "Tổ công tác của Chủ tịch UBND tỉnh", ["1.7"], ["Tổ công tác của Chủ tịch UBND tỉnh"], [], ""),
    # No agency named; part IV.8 gives the area to "Thủ trưởng các sở, ban, ngành tỉnh, Chủ
    # tịch UBND các huyện, thị xã, thành phố".
    (7, "Tích hợp tính năng giao nhiệm vụ", ["1.7"],
     ["Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố"], [], ""),
]

# CURATION: part IV ("Tổ chức thực hiện") also sets concrete tasks, each with its agencies and
# deadline, for two criteria that lost points: "4.1.3. Tỷ lệ giảm số lượng đơn vị sự nghiệp
# công lập" (IV.3: merging colleges, reorganising the ĐVSNCL of four sở, merging schools in
# two districts) and "5.6. Tỷ lệ đạt chuẩn của cán bộ, công chức cấp xã" (IV.4: the district
# plans for the officials below standard). Each becomes a template of its part II section,
# after that section's own tasks. Per entry: the section of part II, the paragraph's start,
# how many of its sentences are the task (None: all; IV.3's first paragraph goes on with the
# general "Tiếp tục tham mưu ..."), criteria, lead, partners, and the deadline the paragraph
# states, with a capital letter. The other paragraphs of part IV restate part II or give
# an area to an agency (used above for the leads).
PART_IV_TASKS_001 = [
    (2, "Sở Nội vụ trình UBND tỉnh về việc sáp nhập các trường cao đẳng", 1, ["4.1.3"],
     ["Sở Nội vụ"], [], "Hoàn thành trong tháng 8/2024"),
    (2, "Các Sở: Lao động - Thương binh và Xã hội, Xây dựng", None, ["4.1.3"],
     ["Sở Lao động - Thương binh và Xã hội", "Sở Xây dựng", "Sở Văn hoá - Thể thao và Du lịch",
      "Sở Nông nghiệp và Phát triển nông thôn"], [], "Hoàn thành trong quý IV/2024"),
    (2, "UBND các huyện: Khoái Châu, Văn Giang", None, ["4.1.3"],
     ["UBND huyện Khoái Châu", "UBND huyện Văn Giang"], [], "Hoàn thành trong quý III/2024"),
    (3, "Đối với cấp huyện không có ĐVHC cấp xã thực hiện sắp xếp", None, ["5.6"],
     ["UBND huyện"], [], "Năm 2024"),
    (3, "Đối với cấp huyện có ĐVHC thực hiện sắp xếp", None, ["5.6"],
     ["UBND huyện"], [], "Năm 2024"),
]


def paragraphs(lines: list[str]) -> list[str]:
    """Blank-line separated paragraphs, with page-split paragraphs joined again."""
    paras = [unmark(line) for line in lines if line.strip()]
    out: list[str] = []
    for para in paras:
        if out and not ends_sentence(out[-1]) and (
            starts_lower(para) or (out[-1].endswith(" được") and para[:1].isdigit())
        ):
            out[-1] += " " + para
        else:
            out.append(para)
    return out


CRITERION = re.compile(
    r"Tiêu chí(?: thành phần)? “(\d+(?:\.\d+)+)\. (.+?)” được ([\d,]+/[\d,]+) điểm"
)


def curate_001(seeds: Path) -> dict:
    src = source(
        "seed-001",
        SEED_001,
        "Hưng Yên",
        2024,
        "",
        "",
        "Kế hoạch cải thiện và nâng cao Chỉ số cải cách hành chính tỉnh Hưng Yên năm 2024",
    )
    paras = paragraphs(read_seed(seeds, SEED_001))
    start = paras.index("II. NHIỆM VỤ, GIẢI PHÁP")
    end = paras.index("III. NHIỆM VỤ CỤ THỂ (Chi tiết tại phụ lục đính kèm)")
    criteria: dict[str, dict] = {}
    sections: dict[int, tuple[str, list[str]]] = {}
    section = None
    in_tasks = False
    for para in paras[start + 1 : end]:
        for code, title, score in CRITERION.findall(para):
            criteria[code] = {"code": code, "title": title, "score": score, "year": 2023}
        heading = re.fullmatch(r"(\d)\. (.+?):?", para)
        if heading:
            section = int(heading.group(1))
            sections[section] = (heading.group(2), [])
            in_tasks = False
        elif re.match(r"\d\.3\. Nhiệm vụ", para):
            in_tasks = True
        elif in_tasks and not para.startswith("- Đối với"):
            sections[section][1].append(para)
    assert len(criteria) == 22, sorted(criteria)
    templates = []
    counters: dict[int, int] = {}
    queues = {n: list(ps) for n, (_, ps) in sections.items()}

    def task(number: int, para: str, codes, lead, partners, deadline) -> dict:
        counters[number] = counters.get(number, 0) + 1
        return template(
            id=f"001-{number}-{counters[number]}",
            source=src["id"],
            area=AREAS_001[number],
            area_title=sections[number][0],
            content=para,
            lead=lead,
            partners=partners,
            deadline=deadline,
            criteria=[criteria[c] for c in codes],
        )

    for number, start_text, codes, lead, partners, deadline in TASKS_001:
        para = queues[number].pop(0)
        assert para.startswith(start_text), (number, start_text, para[:80])
        inline = re.match(r"Đối với tiêu chí thành phần “(\d+(?:\.\d+)+)\. .+?”: (.+)", para)
        if inline:
            assert [inline.group(1)] == codes, (codes, para[:60])
            para = upper_first(inline.group(2))
        templates.append(task(number, para, codes, lead, partners, deadline))
    assert all(not q for q in queues.values()), {n: len(q) for n, q in queues.items()}
    part_iv = paras[paras.index("IV. TỔ CHỨC THỰC HIỆN") + 1 : paras.index("Nơi nhận:")]
    for number, start_text, sentences, codes, lead, partners, deadline in PART_IV_TASKS_001:
        (para,) = [p for p in part_iv if p.startswith(start_text)]
        if sentences is not None:
            para = " ".join(re.split(r"(?<=\.) (?=[A-ZĐ])", para)[:sentences])
        assert deadline.lower().removeprefix("năm ") in para.lower(), (deadline, para)
        after = max(i for i, t in enumerate(templates) if t["area"] == AREAS_001[number])
        templates.insert(after + 1, task(number, para, codes, lead, partners, deadline))
    used = {c["code"] for t in templates for c in t["criteria"]}
    assert used == set(criteria), set(criteria) - used
    return {"sources": [src], "templates": templates}


# ---------------------------------------------------------------------------------------
# Seed 002: Đắk Nông 2021, Phụ lục of Decision 1887/QĐ-UBND (tab-separated: TT, Nội dung,
# Sản phẩm, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian thực hiện, Kinh phí), three levels.
# ---------------------------------------------------------------------------------------

AREAS_002 = {
    "I": "direction",
    "II": "institutions",
    "III": "procedures",
    "IV": "organisation",
    "V": "civil_service",
    "VI": "public_finance",
    "VII": "digital_government",
}

def curate_002(seeds: Path) -> dict:
    src = source(
        "seed-002",
        SEED_002,
        "Đắk Nông",
        2021,
        "1887/QĐ-UBND",
        "18/12/2020",
        "Kế hoạch cải cách hành chính tỉnh Đắk Nông năm 2021",
    )
    lines = read_seed(seeds, SEED_002)
    start = lines.index("PHỤ LỤC")
    rows: list[list[str]] = []
    for line in lines[start:]:
        cells = [clean(c) for c in line.split("\t")]
        if len(cells) < 2 or cells[0] == "TT":
            continue  # prose, blank lines and the header repeated on every page
        if cells[0] == "Tổng cộng":
            break
        cells += [""] * (7 - len(cells))
        if not cells[0]:
            # A row split by a page break: its continuation has no TT.
            for i, cell in enumerate(cells):
                if cell:
                    rows[-1][i] = f"{rows[-1][i]} {cell}"
            continue
        rows.append(cells[:7])
    templates = []
    roman = area_title = None
    group: list[str] = []
    total = 0
    for number, content, product, lead, partners, deadline, budget in rows:
        heading = re.fullmatch(r"(I|II|III|IV|V|VI|VII)(?: (.*))?", number)
        if heading:
            roman, area_title, group = heading.group(1), heading.group(2) or content, []
            continue
        if re.fullmatch(r"\d+", number) and not any([product, lead, partners, deadline, budget]):
            group = [content]  # a group row: number and title only
            continue
        if re.fullmatch(r"\d+", number):
            group = []
        id = f"002-{roman}-{number}"
        agencies = split_agencies(lead)
        if budget:
            assert re.fullmatch(r"\d+", budget), budget
            total += int(budget)
        templates.append(
            template(
                id=id,
                source=src["id"],
                area=AREAS_002[roman],
                area_title=area_title,
                group=list(group),
                content=content,
                product=product,
                lead=agencies,
                partners=split_agencies(partners),
                deadline=deadline,
                budget=budget or None,
            )
        )
    assert total == 936, total
    assert sum(1 for t in templates if t["budget"]) == 18
    return {"sources": [src], "templates": templates}


# ---------------------------------------------------------------------------------------
# Seed 003: Hải Dương 2022, narrative plan: lettered tasks a), b), ... under sections 1-7 of
# part II; bullets under a lettered task are its sub-tasks.
# ---------------------------------------------------------------------------------------

AREAS_003 = {
    1: "direction",
    2: "institutions",
    3: "procedures",
    4: "organisation",
    5: "civil_service",
    6: "public_finance",
    7: "digital_government",
}

# CURATION: the plan names no agency per task; part V ("Tổ chức thực hiện") gives each area
# to one agency: Sở Nội vụ the standing work on CCHC (V.1), tổ chức bộ máy and công vụ;
# Văn phòng UBND tỉnh the TTHC (V.2); Sở Tư pháp the thể chế (V.3); Sở Tài chính the tài
# chính công (V.4); Sở Thông tin và Truyền thông the chính quyền điện tử, số (V.5); Sở Khoa
# học và Công nghệ the ISO 9001 quality system (V.6, task 7.f).
LEADS_003 = {
    1: "Sở Nội vụ",
    2: "Sở Tư pháp",
    3: "Văn phòng UBND tỉnh",
    4: "Sở Nội vụ",
    5: "Sở Nội vụ",
    6: "Sở Tài chính",
    7: "Sở Thông tin và Truyền thông",
}
LEAD_OVERRIDES_003 = {"003-7-f": "Sở Khoa học và Công nghệ"}


# CURATION: a target stated as a percentage inside a task's sentence, with no "Phấn đấu" to
# find it by: the clause where the target starts. III.b reads "Rà soát, đơn giản hóa TTHC,
# công bố, công khai ... đúng quy định 100% các TTHC ...": the review is the task, publishing
# 100% of the procedures its target.
TARGET_STARTS_003 = {
    "003-3-b": "công bố, công khai kịp thời, đầy đủ, đúng quy định 100%",
}


def is_target(text: str) -> bool:
    return text.lower().startswith("phấn đấu")


def split_target(text: str, id: str = "") -> tuple[str, str]:
    """CURATION: a task's stated target is its product; the rest of the task is its content,
    and nothing is written in both. A target is a sentence or a ";" clause that starts with
    "Phấn đấu" (the plan's word for a target, in either case), or a clause named in
    TARGET_STARTS_003; a target clause gets a capital first letter and loses its ";". A task
    that is all target (III.c) is its own content, with no product: the target is the task."""
    start = TARGET_STARTS_003.get(id)
    if start:
        at = text.index(start)
        assert text[:at].endswith(", "), text[:at]
        return text[: at - 2], upper_first(text[at:])
    sentences = re.split(r"(?<=\.) (?=[A-ZĐÀ-Ỹ])", text)
    rest: list[str] = []
    targets: list[str] = []
    for sentence in sentences:
        # A sentence that starts with the target is all target, ";" clauses and all.
        clauses = [sentence] if is_target(sentence) else sentence.split("; ")
        kept = [c for c in clauses if not is_target(c)]
        aims = [c for c in clauses if is_target(c)]
        if aims and kept:
            # A target clause inside a sentence: the sentence keeps its other clauses.
            aims = [c.rstrip(";.") for c in aims]
            targets.append(upper_first("; ".join(aims)))
            rest.append("; ".join(kept))
        elif aims:
            targets.append(sentence)
        else:
            rest.append(sentence)
    if not targets or not rest:
        return text, ""
    return " ".join(rest), " ".join(targets)


def curate_003(seeds: Path) -> dict:
    src = source(
        "seed-003",
        SEED_003,
        "Hải Dương",
        2022,
        "",
        "",
        "Kế hoạch cải cách hành chính nhà nước tỉnh Hải Dương năm 2022",
    )
    lines = read_seed(seeds, SEED_003)
    start = next(i for i, l in enumerate(lines) if l.startswith("## II."))
    end = next(i for i, l in enumerate(lines) if l.startswith("### III."))
    sections: dict[int, str] = {}
    items: list[dict] = []  # {section, letter, text, bullets}
    section = None
    for raw in lines[start + 1 : end]:
        if not raw.strip():
            continue
        line = unmark(raw)
        if line.startswith("(Cụ thể trong Phụ lục"):
            continue
        heading = re.fullmatch(r"(\d)\. (.+)", line)
        if heading and raw.lstrip().startswith("#"):
            section = int(heading.group(1))
            sections[section] = heading.group(2)
            continue
        lettered = re.fullmatch(r"(?:- )?([a-zđ])\) (.+)", line)
        if lettered:
            items.append(
                {"section": section, "letter": lettered.group(1), "text": lettered.group(2), "bullets": []}
            )
            continue
        if line.startswith("- "):
            items[-1]["bullets"].append(line[2:])
            continue
        # A paragraph continuing the last task or its last bullet.
        item = items[-1]
        if item["bullets"]:
            item["bullets"][-1] += " " + line
        else:
            # A further paragraph of the task, or the rest of one cut by a page break.
            item["text"] += " " + line
    templates = []
    seen: set[str] = set()
    for item in items:
        number = item["section"]
        id = f"003-{number}-{item['letter']}"
        if id in seen:
            id += "-bis"  # section 4 has two tasks lettered b)
        seen.add(id)
        content, product = split_target(item["text"], id)
        lead = [LEAD_OVERRIDES_003.get(id, LEADS_003[number])]
        common = dict(source=src["id"], area=AREAS_003[number], area_title=sections[number], lead=lead)
        templates.append(template(id=id, content=content, product=product, **common))
        for k, bullet in enumerate(item["bullets"], 1):
            content, product = split_target(bullet)
            templates.append(
                template(id=f"{id}-{k}", parent=id, content=content, product=product, **common)
            )
    return {"sources": [src], "templates": templates}


# ---------------------------------------------------------------------------------------
# Seed 004: Yên Bái 2022, Plan 271/KH-UBND, "Phụ biểu": one cell per line ending in " |";
# columns Nhiệm vụ cụ thể, Hoạt động/Sản phẩm, Cơ quan chủ trì, Cơ quan phối hợp, Thời gian.
# The "Lĩnh vực" column was lost: the area changes where the numbering restarts at 1.
# ---------------------------------------------------------------------------------------

# CURATION: the areas in the order of the plan (its part II, items 1-7). Titles: the plan's
# own headings for items 1, 3, 4 and 7 (item 7's heading also survives in the table); items
# 2, 5 and 6 lost their headings in the extraction, so their titles are the plan's own names
# for those areas in its list of the six areas ("Cải cách thể chế; ... cải cách chế độ công
# vụ; cải cách tài chính công; ...").
AREAS_004 = [
    ("I", "direction", "Công tác chỉ đạo, điều hành", 12),
    ("II", "institutions", "Cải cách thể chế", 6),
    ("III", "procedures", "Cải cách thủ tục hành chính (TTHC)", 15),
    ("IV", "organisation", "Cải cách tổ chức bộ máy hành chính nhà nước", 3),
    ("V", "civil_service", "Cải cách chế độ công vụ", 6),
    ("VI", "public_finance", "Cải cách tài chính công", 5),
    ("VII", "digital_government", "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số", 17),
]


def curate_004(seeds: Path) -> dict:
    src = source(
        "seed-004",
        SEED_004,
        "Yên Bái",
        2022,
        "271/KH-UBND",
        "16/12/2021",
        "Kế hoạch triển khai công tác cải cách hành chính nhà nước năm 2022 trên địa bàn tỉnh Yên Bái",
    )
    lines = read_seed(seeds, SEED_004)
    start = lines.index("Thời gian thực hiện |") + 1
    cells = [clean(l.rstrip().removesuffix("|")) for l in lines[start:]]
    rows: list[tuple[str, list[str]]] = []  # (kind, cells)
    for i, cell in enumerate(cells):
        if re.match(r"^VII\. ", cell):
            continue  # the one surviving "Lĩnh vực" cell
        numbered = re.match(r"^\d+\. ", cell)
        # A sub-row of item 12 starts with "- " in the task column, after an empty cell (a
        # "- " cell right after a filled one is a list inside an agency or product cell).
        sub = cell.startswith("- ") and i > 0 and cells[i - 1] == ""
        if numbered or sub:
            rows.append(("sub" if sub else "task", [cell]))
        elif rows:
            rows[-1][1].append(cell)
    templates = []
    area_index = -1
    parent = None
    sub_count = 0
    for kind, row in rows:
        filled = [c for c in row if c]
        filled += [""] * (5 - len(filled))
        assert len(filled) == 5, row
        content, product, lead, partners, deadline = filled
        roman, area, title, _ = AREAS_004[max(area_index, 0)]
        if kind == "task":
            number, content = re.match(r"^(\d+)\. (.*)$", content).groups()
            if number == "1":
                area_index += 1
                roman, area, title, _ = AREAS_004[area_index]
            id = f"004-{roman}-{number}"
            parent, sub_count = id, 0
            templates.append(
                template(
                    id=id,
                    source=src["id"],
                    area=area,
                    area_title=title,
                    content=content,
                    product=product,
                    lead=split_agencies(lead),
                    partners=split_agencies(partners),
                    deadline=deadline,
                )
            )
        else:
            sub_count += 1
            templates.append(
                template(
                    id=f"{parent}.{sub_count}",
                    source=src["id"],
                    area=area,
                    area_title=title,
                    parent=parent,
                    content=content[2:],
                    product=product,
                    lead=split_agencies(lead),
                    partners=split_agencies(partners),
                    deadline=deadline,
                )
            )
    for roman, area, _, count in AREAS_004:
        numbered = [t for t in templates if t["area"] == area and not t["parent"]]
        assert len(numbered) == count, (roman, len(numbered))
    assert [t["id"] for t in templates if t["parent"]] == [f"004-I-12.{k}" for k in range(1, 5)]
    return {"sources": [src], "templates": templates}


# ---------------------------------------------------------------------------------------


CURATORS = {
    SEED_000: curate_000,
    SEED_001: curate_001,
    SEED_002: curate_002,
    SEED_003: curate_003,
    SEED_004: curate_004,
}


def render(body: dict) -> str:
    """The file text, as the app's writer (file_format::write_templates) produces it."""
    document = {"format": FORMAT, "version": VERSION, "kind": "templates", **body}
    ids = [t["id"] for t in body["templates"]]
    assert len(ids) == len(set(ids)), "duplicate template ids"
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS, help="folder of the seed texts")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="folder of the template files")
    parser.add_argument("--check", action="store_true", help="compare with the files, write nothing")
    args = parser.parse_args()
    if not args.seeds.is_dir():
        print(f"seed folder not found: {args.seeds}", file=sys.stderr)
        return 2
    differ = []
    for name, curate in CURATORS.items():
        path = args.out / (Path(name).stem + ".json")
        text = render(curate(args.seeds))
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                differ.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    unused = set(REPAIRS) - _applied
    assert not unused, f"repairs of templates that were not curated: {sorted(unused)}"
    if differ:
        for path in differ:
            print(f"differs from the curated output: {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
