//! Generated plans for the benchmarks (export_bench, browser_bench): realistic and
//! deterministic. Included with `#[path = "shared/plans.rs"] mod plans;`.
//!
//! Plans look like real ones: seven areas, groups with sub-tasks in the first, tasks of
//! realistic length with one or two lead agencies, two or three partners, Vietnamese
//! deadlines and a budget on about a quarter of them.

use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};

const AREAS: [&str; 7] = [
    "CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH",
    "CẢI CÁCH THỂ CHẾ",
    "CẢI CÁCH THỦ TỤC HÀNH CHÍNH",
    "CẢI CÁCH TỔ CHỨC BỘ MÁY HÀNH CHÍNH NHÀ NƯỚC",
    "CẢI CÁCH CHẾ ĐỘ CÔNG VỤ",
    "CẢI CÁCH TÀI CHÍNH CÔNG",
    "XÂY DỰNG VÀ PHÁT TRIỂN CHÍNH QUYỀN ĐIỆN TỬ, CHÍNH QUYỀN SỐ",
];
const VERBS: [&str; 8] = [
    "Rà soát, đánh giá",
    "Tổ chức triển khai",
    "Kiểm tra việc thực hiện",
    "Xây dựng và ban hành",
    "Tuyên truyền, phổ biến",
    "Đôn đốc, hướng dẫn",
    "Tổng hợp, báo cáo kết quả",
    "Nâng cao chất lượng",
];
const OBJECTS: [&str; 8] = [
    "văn bản quy phạm pháp luật thuộc phạm vi quản lý nhà nước của tỉnh",
    "thủ tục hành chính thuộc thẩm quyền giải quyết của các cấp chính quyền",
    "cơ chế một cửa, một cửa liên thông tại Bộ phận Một cửa các cấp",
    "dịch vụ công trực tuyến toàn trình trên Cổng Dịch vụ công của tỉnh",
    "vị trí việc làm và cơ cấu ngạch công chức, viên chức",
    "cơ chế tự chủ tài chính tại các đơn vị sự nghiệp công lập",
    "Chỉ số cải cách hành chính (PAR INDEX) và Chỉ số hài lòng (SIPAS)",
    "chuyển đổi số trong hoạt động của cơ quan hành chính nhà nước",
];
const PRODUCTS: [&str; 6] = [
    "Kế hoạch của UBND tỉnh",
    "- Quyết định của UBND tỉnh; - Báo cáo kết quả thực hiện.",
    "100% văn bản được rà soát, kiểm tra đúng quy định",
    "Báo cáo định kỳ gửi Sở Nội vụ",
    "- Kế hoạch tổ chức; - Hội nghị được triển khai; - Báo cáo kết quả.",
    "Từ 95% trở lên hồ sơ được giải quyết đúng hạn",
];
const AGENCIES: [&str; 16] = [
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Văn phòng UBND tỉnh",
    "Sở Tài chính",
    "Sở Khoa học và Công nghệ",
    "Sở Xây dựng",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Thanh tra tỉnh",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Các sở, ban, ngành",
    "UBND các xã, phường, đặc khu",
    "Trung tâm Phục vụ hành chính công tỉnh",
];
const DEADLINES: [&str; 10] = [
    "Quý I/2027",
    "Tháng 12/2027",
    "Thường xuyên",
    "Tháng 4 - tháng 7",
    "Định kỳ hàng tháng",
    "Quý III + Quý IV năm 2027",
    "Trước ngày 15/12/2027",
    "Theo Kế hoạch của Bộ Nội vụ",
    "Năm 2027",
    "Hàng năm",
];

/// A small deterministic generator (64-bit LCG, high bits).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next(items.len())]
    }
}

fn task(rng: &mut Lcg, n: usize) -> Task {
    let lead: Vec<String> = (0..1 + usize::from(rng.next(6) == 0))
        .map(|_| rng.pick(&AGENCIES).to_string())
        .collect();
    let partners = (0..2 + rng.next(2))
        .map(|_| rng.pick(&AGENCIES).to_string())
        .collect();
    let budget = match rng.next(8) {
        0 => Some(Money::from_trieu(5 + rng.next(300) as i64)),
        1 => Some(Money::from_thousandths(
            500 + rng.next(100_000) as i64 * 100,
        )),
        _ => None,
    };
    Task {
        content: format!("{} {} (nhiệm vụ {n})", rng.pick(&VERBS), rng.pick(&OBJECTS)),
        product: rng.pick(&PRODUCTS).to_string(),
        lead,
        partners,
        deadline: rng.pick(&DEADLINES).to_string(),
        budget,
        note: if rng.next(10) == 0 {
            "Thực hiện theo hướng dẫn của Bộ Nội vụ".into()
        } else {
            String::new()
        },
        template: None,
        progress: Default::default(),
        criteria: Vec::new(),
    }
}

/// A plan of `tasks` tasks (sub-tasks included) over seven areas.
pub fn plan(tasks: usize) -> Plan {
    let mut rng = Lcg(tasks as u64);
    let mut plan = Plan::new("bench", "Hưng Yên", 2027);
    plan.document_number = "35/KH-UBND".into();
    plan.document_date = "20/12/2026".into();
    let mut rows = Vec::new();
    let mut id = 0;
    let mut made = 0;
    let per_area = tasks.div_ceil(AREAS.len());
    let mut row = |depth: u8, item: cchc_plan::domain::plan::Item| {
        id += 1;
        rows.push(cchc_plan::domain::plan::Row { id, depth, item });
    };
    use cchc_plan::domain::plan::Item;
    for (a, title) in AREAS.iter().enumerate() {
        row(
            0,
            Item::Area {
                title: title.to_string(),
            },
        );
        let mut in_area = 0;
        while in_area < per_area && made < tasks {
            if a == 0 && rng.next(4) == 0 {
                row(
                    1,
                    Item::Group {
                        title: format!("Nhóm nhiệm vụ {}", in_area + 1),
                    },
                );
                for _ in 0..3 + rng.next(6) {
                    if in_area >= per_area || made >= tasks {
                        break;
                    }
                    row(2, Item::Task(task(&mut rng, made + 1)));
                    made += 1;
                    in_area += 1;
                }
            } else {
                row(1, Item::Task(task(&mut rng, made + 1)));
                made += 1;
                in_area += 1;
                if rng.next(10) == 0 {
                    for _ in 0..2 {
                        if in_area >= per_area || made >= tasks {
                            break;
                        }
                        row(2, Item::Task(task(&mut rng, made + 1)));
                        made += 1;
                        in_area += 1;
                    }
                }
            }
        }
    }
    plan.replace_rows(rows).expect("a valid outline");
    plan
}
