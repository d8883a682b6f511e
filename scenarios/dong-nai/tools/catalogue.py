"""Procedure catalogue of the Dong Nai baseline: procedures, workflows, arrival rates.

Each procedure: id, Vietnamese name, domain, authority, statutory deadline (working days),
clock on supplement, citizen response, withdraw probability, channel weights, workflow
template, commune-level arrival rate (per 1,000 residents per year, filed at every
commune-level unit) and provincial service-center arrival rate (per month).
Tags (V/P/E/A) are explained in ../README.md.
"""

# Step tuple: (name, kind, tier, skill, effort, incomplete_p, field_p, field_check, pauses)
def W(name, tier, skill, effort, inc=0.0, fp=0.0, fc="", pauses=False):
    return (name, "work", tier, skill, effort, inc, fp, fc, pauses)


def D(name, tier, delay, pauses=False):
    return (name, "delay", tier, "", delay, 0.0, 0.0, "", pauses)


def T(name, tier):
    return (name, "transfer", tier, "", "", 0.0, 0.0, "", False)


C, P = "commune", "province"

# Land field checks and joint verification (site visit, boundary checks with neighbours, the
# commune's confirmation of land-use origin) [A, calibrated: see README "Calibration"]: most
# take 1-3 working days, a few complex cases (disputed boundaries, missing records) take
# months. A lognormal with mean 3 wd and CV 1.5 has median 1.6 wd and 4 % of cases above
# 12 wd; these long cases make up most of the province's overdue stock.
LAND_FIELD_CHECK = "lognormal(3wd, 1.5)"

# ---- workflow templates -------------------------------------------------------------------

def same_day_certification(inc=0.04):
    # Copy/signature certification at the desk (Decree 23/2015): no leader step, the
    # certifying officer signs under delegation.
    return [
        W("reception", C, "reception", "lognormal(8min, 0.5)", inc),
        W("certification", C, "certification", "lognormal(6min, 0.6)"),
        W("return", C, "reception", "lognormal(3min, 0.5)"),
    ]


def certification_with_signature(inc=0.06):
    return [
        W("reception", C, "reception", "lognormal(15min, 0.5)", inc),
        W("certification", C, "certification", "lognormal(30min, 0.6)"),
        W("signature", C, "signature", "lognormal(5min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


def civil_simple(work="lognormal(15min, 0.6)", inc=0.04):
    return [
        W("reception", C, "reception", "lognormal(10min, 0.5)", inc),
        W("registration", C, "civil_status", work),
        W("signature", C, "signature", "lognormal(2min, 0.6)"),
        W("return", C, "reception", "lognormal(3min, 0.5)"),
    ]


def civil_with_verification():
    return [
        W("reception", C, "reception", "lognormal(15min, 0.5)", 0.06),
        W("appraisal", C, "civil_status", "lognormal(30min, 0.6)"),
        D("verification", C, "tri(1wd, 2wd, 3wd)"),
        W("registration", C, "civil_status", "lognormal(15min, 0.6)"),
        W("signature", C, "signature", "lognormal(5min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


def civil_reviewed(work="lognormal(45min, 0.6)", inc=0.08):
    return [
        W("reception", C, "reception", "lognormal(15min, 0.5)", inc),
        W("appraisal", C, "civil_status", work),
        W("approval", C, "approval", "lognormal(10min, 0.6)"),
        W("signature", C, "signature", "lognormal(5min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


def land_commune(appraisal="lognormal(3h, 0.6)", field_p=0.6, tax=True, to_province=True):
    # Commune decides (Decree 151/2025 hands first certificates and land-use changes of
    # households to the commune chairman); the land registration branch prepares the
    # cadastral record; tax notice and payment pause the clock (Decree 101/2024 Art. 22).
    steps = [
        W("reception", C, "reception", "lognormal(30min, 0.5)", 0.10),
        W("digitisation", C, "reception", "lognormal(15min, 0.5)"),
        W("appraisal", C, "land", appraisal, 0.05, field_p, LAND_FIELD_CHECK),
    ]
    if to_province:
        steps += [
            T("to_land_registration", P),
            W("cadastral_record", P, "land", "lognormal(1h, 0.6)"),
        ]
    if tax:
        steps.append(D("tax", P, "tri(2d, 5d, 12d)", pauses=True))
    if to_province:
        steps.append(T("back_to_commune", C))
    steps += [
        W("approval", C, "approval", "lognormal(30min, 0.6)"),
        W("signature", C, "signature", "lognormal(10min, 0.6)"),
        W("return", C, "reception", "lognormal(10min, 0.5)"),
    ]
    return steps


def land_province(appraisal="lognormal(1.2h, 0.6)", field_p=0.1, tax=False, inc=0.08):
    # Decided by the land registration office (under So Nong nghiep va Moi truong); filed
    # at the commune desk or the provincial service center.
    steps = [
        W("reception", C, "reception", "lognormal(20min, 0.5)", inc),
        W("digitisation", C, "reception", "lognormal(10min, 0.5)"),
        T("to_land_registration", P),
        W("appraisal", P, "land", appraisal, 0.04, field_p, LAND_FIELD_CHECK),
    ]
    if tax:
        steps.append(D("tax", P, "tri(2d, 4d, 10d)", pauses=True))
    steps += [
        W("approval", P, "approval", "lognormal(6min, 0.6)"),
        W("signature", P, "signature", "lognormal(2min, 0.6)"),
        T("back_to_commune", C),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]
    return steps


def land_dispute():
    return [
        W("reception", C, "reception", "lognormal(20min, 0.5)", 0.08),
        W("appraisal", C, "land", "lognormal(6h, 0.6)", 0.0, 1.0, "tri(2wd, 5wd, 10wd)"),
        W("mediation", C, "approval", "lognormal(2h, 0.5)"),
        W("signature", C, "signature", "lognormal(10min, 0.6)"),
        W("return", C, "reception", "lognormal(10min, 0.5)"),
    ]


def construction_commune(appraisal="lognormal(3h, 0.6)", field_p=0.7):
    return [
        W("reception", C, "reception", "lognormal(25min, 0.5)", 0.10),
        W("digitisation", C, "reception", "lognormal(10min, 0.5)"),
        W("appraisal", C, "construction", appraisal, 0.05, field_p, "tri(1wd, 2wd, 4wd)"),
        W("approval", C, "approval", "lognormal(30min, 0.6)"),
        W("signature", C, "signature", "lognormal(10min, 0.6)"),
        W("return", C, "reception", "lognormal(10min, 0.5)"),
    ]


def construction_province(appraisal="lognormal(8h, 0.7)", consult="tri(2wd, 4wd, 7wd)"):
    return [
        W("reception", C, "reception", "lognormal(30min, 0.5)", 0.12),
        T("to_department", P),
        W("appraisal", P, "construction", appraisal, 0.05, 0.5, "tri(1wd, 2wd, 3wd)"),
        D("consultation", P, consult),
        W("approval", P, "approval", "lognormal(1h, 0.6)"),
        W("signature", P, "signature", "lognormal(30min, 0.6)"),
        T("back_to_desk", C),
        W("return", C, "reception", "lognormal(10min, 0.5)"),
    ]


def business_commune(work="lognormal(30min, 0.6)", inc=0.06):
    return [
        W("reception", C, "reception", "lognormal(15min, 0.5)", inc),
        W("registration", C, "business", work),
        W("approval", C, "approval", "lognormal(5min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


def social_commune(work="lognormal(2h, 0.6)", field_p=0.5, council=None, inc=0.08):
    steps = [
        W("reception", C, "reception", "lognormal(20min, 0.5)", inc),
        W("appraisal", C, "social", work, 0.03, field_p, "tri(0.5wd, 1wd, 2wd)"),
    ]
    if council:
        steps.append(D("council", C, council))
    steps += [
        W("approval", C, "approval", "lognormal(20min, 0.6)"),
        W("signature", C, "signature", "lognormal(10min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]
    return steps


def commune_then_province(domain_skill, commune_skill, commune_work, prov_work,
                          consult=None, inc=0.08):
    # Province decides; the commune receives, confirms and forwards.
    steps = [
        W("reception", C, "reception", "lognormal(20min, 0.5)", inc),
        W("confirmation", C, commune_skill, commune_work),
        T("to_department", P),
        W("appraisal", P, domain_skill, prov_work, 0.03),
    ]
    if consult:
        steps.append(D("consultation", P, consult))
    steps += [
        W("approval", P, "approval", "lognormal(20min, 0.6)"),
        W("signature", P, "signature", "lognormal(10min, 0.6)"),
        T("back_to_commune", C),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]
    return steps


def province_desk(skill, work, inc=0.05, consult=None, signature=True, pauses=False,
                  field_p=0.0, fc="", approval="lognormal(15min, 0.6)",
                  sign="lognormal(10min, 0.6)"):
    # Filed at the provincial service center (tier commune = the filing unit).
    steps = [
        W("reception", C, "reception", "lognormal(15min, 0.5)", inc),
        T("to_department", P),
        W("appraisal", P, skill, work, 0.04, field_p, fc),
    ]
    if consult:
        steps.append(D("consultation", P, consult, pauses=pauses))
    steps.append(W("approval", P, "approval", approval))
    if signature:
        steps.append(W("signature", P, "signature", sign))
    steps += [
        T("back_to_desk", C),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]
    return steps


def commune_general(work="lognormal(30min, 0.7)"):
    return [
        W("reception", C, "reception", "lognormal(15min, 0.5)", 0.06),
        W("processing", C, "general", work, 0.03),
        W("approval", C, "approval", "lognormal(10min, 0.6)"),
        W("signature", C, "signature", "lognormal(5min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


def commune_finance():
    return [
        W("reception", C, "reception", "lognormal(20min, 0.5)", 0.10),
        W("appraisal", C, "finance", "lognormal(8h, 0.6)", 0.05),
        W("approval", C, "approval", "lognormal(1h, 0.6)"),
        W("signature", C, "signature", "lognormal(10min, 0.6)"),
        W("return", C, "reception", "lognormal(5min, 0.5)"),
    ]


# ---- citizen behaviour presets: (citizen_response, withdraw_probability) ---------------------
QUICK = ("lognormal(1d, 1.0)", 0.5)    # same-day services: many just leave
CIVIL = ("lognormal(2d, 1.0)", 0.35)
LAND = ("lognormal(5d, 0.8)", 0.30)
BUSINESS = ("lognormal(3d, 0.8)", 0.30)
SOCIAL = ("lognormal(4d, 0.8)", 0.25)

# ---- channel presets: (in_person, online, post) -----------------------------------------------
DESK = (0.85, 0.15, 0.0)
MIXED = (0.55, 0.45, 0.0)
ONLINE = (0.35, 0.65, 0.0)
LAND_CH = (0.70, 0.25, 0.05)
ENTERPRISE = (0.10, 0.88, 0.02)

# ---- the catalogue ---------------------------------------------------------------------------
# (id, name, domain, authority, deadline_wd, clock, citizen preset, channels, steps,
#  commune rate per 1000 residents per year, service-center rate per month, profile, tag)
PROCEDURES = [
    # certification (chung thuc): same day, next working day after 15:00 [V]
    ("cert_copy", "Chứng thực bản sao từ bản chính giấy tờ, văn bản", "certification",
     "commune", 0, "restart", QUICK, DESK, same_day_certification(), 100.0, 0, "pre_tet", "V"),
    ("cert_signature", "Chứng thực chữ ký trong giấy tờ, văn bản", "certification",
     "commune", 0, "restart", QUICK, DESK, same_day_certification(), 22.0, 0, "pre_tet", "V"),
    ("cert_contract", "Chứng thực hợp đồng, giao dịch liên quan đến tài sản", "certification",
     "commune", 2, "restart", CIVIL, DESK, certification_with_signature(), 6.0, 0, "office", "P"),
    ("cert_copy_extract", "Cấp bản sao trích lục hộ tịch", "civil_status_justice",
     "commune", 0, "restart", QUICK, ONLINE, civil_simple("lognormal(8min, 0.6)"), 14.0, 0,
     "pre_tet", "P"),
    # civil status (ho tich)
    ("birth_registration", "Đăng ký khai sinh", "civil_status_justice", "commune", 0,
     "restart", QUICK, ONLINE, civil_simple(), 14.0, 0, "online", "P"),
    ("marriage_registration", "Đăng ký kết hôn", "civil_status_justice", "commune", 0,
     "restart", QUICK, (0.80, 0.20, 0.0), civil_simple("lognormal(20min, 0.6)"), 7.0, 0,
     "pre_tet", "P"),
    ("marriage_verification", "Đăng ký kết hôn cần xác minh", "civil_status_justice",
     "commune", 5, "restart", CIVIL, (0.80, 0.20, 0.0), civil_with_verification(), 1.0, 0,
     "office", "P"),
    ("death_registration", "Đăng ký khai tử", "civil_status_justice", "commune", 3,
     "restart", CIVIL, MIXED, civil_simple("lognormal(20min, 0.6)"), 6.0, 0, "office", "P"),
    ("marital_status_certificate", "Cấp giấy xác nhận tình trạng hôn nhân",
     "civil_status_justice", "commune", 3, "restart", CIVIL, ONLINE,
     civil_simple("lognormal(20min, 0.6)"), 14.0, 0, "online", "P"),
    ("civil_status_correction", "Thay đổi, cải chính, bổ sung thông tin hộ tịch",
     "civil_status_justice", "commune", 3, "restart", CIVIL, MIXED, civil_reviewed(), 3.0, 0,
     "office", "P"),
    ("birth_reregistration", "Đăng ký lại khai sinh", "civil_status_justice", "commune", 5,
     "restart", CIVIL, MIXED, civil_reviewed("lognormal(1h, 0.6)"), 1.0, 0, "office", "P"),
    ("guardianship_registration", "Đăng ký giám hộ", "civil_status_justice", "commune", 3,
     "restart", CIVIL, DESK, civil_reviewed(), 0.3, 0, "office", "P"),
    ("paternity_recognition", "Đăng ký nhận cha, mẹ, con", "civil_status_justice", "commune", 3,
     "restart", CIVIL, DESK, civil_reviewed(), 0.6, 0, "office", "P"),
    ("judicial_record", "Cấp Phiếu lý lịch tư pháp", "civil_status_justice", "province", 10,
     "restart", CIVIL, (0.30, 0.65, 0.05),
     province_desk("justice", "lognormal(30min, 0.6)", 0.03, "tri(2wd, 4wd, 6wd)",
                   approval="lognormal(4min, 0.6)", sign="lognormal(1min, 0.6)"),
     0.0, 9000, "online", "P"),
    # land (dat dai)
    ("land_first_registration", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu",
     "land", "commune", 23, "pause", LAND, LAND_CH, land_commune(), 3.0, 0, "office", "V"),
    ("land_purpose_change", "Chuyển mục đích sử dụng đất của hộ gia đình, cá nhân", "land",
     "commune", 15, "pause", LAND, LAND_CH,
     land_commune("lognormal(3h, 0.6)", 0.8, tax=True, to_province=False), 1.5, 0, "office",
     "P"),
    ("land_dispute_mediation", "Hòa giải tranh chấp đất đai", "land", "commune", 30,
     "restart", LAND, DESK, land_dispute(), 0.5, 0, "office", "P"),
    ("land_transfer", "Đăng ký biến động: chuyển nhượng, tặng cho, thừa kế quyền sử dụng đất",
     "land", "province", 10, "restart", LAND, LAND_CH, land_province(tax=True), 22.0, 9000,
     "office", "P"),
    ("land_exchange", "Chuyển đổi quyền sử dụng đất nông nghiệp", "land", "province", 10,
     "restart", LAND, LAND_CH, land_province(tax=True, field_p=0.3), 0.6, 0, "office", "V"),
    ("land_lost_certificate", "Cấp lại Giấy chứng nhận do bị mất", "land", "province", 10,
     "restart", LAND, LAND_CH, land_province(), 1.0, 200, "office", "V"),
    ("land_split_merge", "Tách thửa, hợp thửa đất", "land", "province", 12, "restart", LAND,
     LAND_CH, land_province("lognormal(2h, 0.6)", 0.9), 4.0, 1000, "office", "V"),
    ("land_correction", "Đính chính Giấy chứng nhận đã cấp", "land", "province", 8, "restart",
     LAND, LAND_CH, land_province("lognormal(1h, 0.6)", 0.0), 1.2, 300, "office", "V"),
    ("land_mortgage", "Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất", "land",
     "province", 3, "restart", LAND, (0.40, 0.60, 0.0),
     land_province("lognormal(30min, 0.6)", 0.0, inc=0.05), 12.0, 5000, "office", "P"),
    ("land_info_change", "Đăng ký biến động do thay đổi thông tin người sử dụng đất", "land",
     "province", 10, "restart", LAND, LAND_CH, land_province("lognormal(1h, 0.6)", 0.0), 3.0,
     0, "office", "P"),
    ("land_allocation_organization", "Giao đất, cho thuê đất đối với tổ chức", "land",
     "province", 20, "pause", BUSINESS, (0.5, 0.5, 0.0),
     province_desk("land", "lognormal(8h, 0.6)", 0.12, "tri(3d, 7d, 15d)", pauses=True,
                   field_p=1.0, fc="tri(2wd, 3wd, 5wd)"), 0.0, 150, "office", "P"),
    ("land_certificate_organization", "Cấp Giấy chứng nhận lần đầu cho tổ chức", "land",
     "province", 20, "pause", BUSINESS, (0.5, 0.5, 0.0),
     province_desk("land", "lognormal(4h, 0.6)", 0.10, "tri(2d, 5d, 12d)", pauses=True,
                   field_p=0.8, fc="tri(1wd, 2wd, 4wd)"), 0.0, 300, "office", "P"),
    # construction (xay dung)
    ("construction_permit_house", "Cấp giấy phép xây dựng nhà ở riêng lẻ", "construction",
     "commune", 15, "restart", LAND, MIXED, construction_commune(), 6.0, 0, "office", "V"),
    ("construction_permit_repair", "Cấp giấy phép sửa chữa, cải tạo nhà ở riêng lẻ",
     "construction", "commune", 15, "restart", LAND, MIXED,
     construction_commune("lognormal(2h, 0.6)", 0.6), 1.2, 0, "office", "P"),
    ("construction_permit_extension", "Gia hạn, điều chỉnh giấy phép xây dựng",
     "construction", "commune", 5, "restart", LAND, MIXED,
     construction_commune("lognormal(1h, 0.6)", 0.0), 0.6, 0, "office", "P"),
    ("construction_permit_temporary", "Cấp giấy phép xây dựng có thời hạn", "construction",
     "commune", 15, "restart", LAND, MIXED, construction_commune(), 0.6, 0, "office", "P"),
    ("construction_permit_project", "Cấp giấy phép xây dựng công trình (thẩm quyền tỉnh)",
     "construction", "province", 20, "restart", BUSINESS, (0.4, 0.6, 0.0),
     construction_province(), 0.0, 120, "business", "P"),
    ("construction_design_appraisal", "Thẩm định báo cáo nghiên cứu khả thi, thiết kế xây dựng",
     "construction", "province", 25, "restart", BUSINESS, (0.4, 0.6, 0.0),
     construction_province("lognormal(16h, 0.7)", "tri(3wd, 6wd, 10wd)"), 0.0, 100,
     "business", "P"),
    # household business (ho kinh doanh)
    ("household_business_registration", "Đăng ký thành lập hộ kinh doanh",
     "household_business", "commune", 3, "restart", BUSINESS, MIXED, business_commune(), 4.5,
     0, "business", "P"),
    ("household_business_change", "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
     "household_business", "commune", 3, "restart", BUSINESS, MIXED,
     business_commune("lognormal(20min, 0.6)"), 2.5, 0, "business", "P"),
    ("household_business_suspension", "Tạm ngừng, chấm dứt hoạt động hộ kinh doanh",
     "household_business", "commune", 3, "restart", BUSINESS, MIXED,
     business_commune("lognormal(15min, 0.6)", 0.03), 1.8, 0, "business", "P"),
    # social protection and labour
    ("social_allowance", "Trợ cấp xã hội hằng tháng", "social_labour", "commune", 10,
     "restart", SOCIAL, DESK, social_commune(council="tri(1wd, 3wd, 5wd)"), 2.5, 0, "office",
     "P"),
    ("funeral_support", "Hỗ trợ chi phí mai táng", "social_labour", "commune", 3, "restart",
     SOCIAL, DESK, social_commune("lognormal(1h, 0.6)", 0.0), 1.2, 0, "office", "A"),
    ("disability_certificate", "Xác định mức độ khuyết tật, cấp giấy xác nhận khuyết tật",
     "social_labour", "commune", 20, "restart", SOCIAL, DESK,
     social_commune("lognormal(2h, 0.6)", 0.8, council="tri(3wd, 6wd, 10wd)"), 0.8, 0,
     "office", "P"),
    ("meritorious_allowance", "Giải quyết chế độ ưu đãi người có công", "social_labour",
     "province", 12, "restart", SOCIAL, DESK,
     commune_then_province("social", "social", "lognormal(1h, 0.6)", "lognormal(2h, 0.6)"),
     0.6, 0, "office", "A"),
    ("work_permit_foreigner", "Cấp giấy phép lao động cho người lao động nước ngoài",
     "social_labour", "province", 5, "restart", BUSINESS, ENTERPRISE,
     province_desk("social", "lognormal(1h, 0.6)", 0.10, approval="lognormal(8min, 0.6)",
                   sign="lognormal(3min, 0.6)"), 0.0, 1200, "business", "A"),
    # finance and budget, investment
    ("budget_settlement_commune", "Thẩm tra, phê duyệt quyết toán dự án hoàn thành (cấp xã)",
     "finance_budget", "commune", 20, "restart", BUSINESS, (0.6, 0.4, 0.0), commune_finance(),
     0.2, 0, "business", "A"),
    ("budget_code", "Đăng ký mã số đơn vị có quan hệ với ngân sách", "finance_budget",
     "province", 2, "restart", BUSINESS, ENTERPRISE,
     province_desk("finance", "lognormal(20min, 0.6)", 0.05, signature=False), 0.0, 200,
     "business", "P"),
    ("enterprise_registration", "Đăng ký thành lập doanh nghiệp", "investment", "province", 3,
     "restart", BUSINESS, ENTERPRISE,
     province_desk("investment", "lognormal(45min, 0.6)", 0.10, signature=False,
                   approval="lognormal(8min, 0.6)"), 0.0, 1500,
     "business", "P"),
    ("enterprise_change", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "investment",
     "province", 3, "restart", BUSINESS, ENTERPRISE,
     province_desk("investment", "lognormal(30min, 0.6)", 0.08, signature=False,
                   approval="lognormal(6min, 0.6)"), 0.0, 3000,
     "business", "P"),
    ("investment_registration", "Cấp Giấy chứng nhận đăng ký đầu tư", "investment",
     "province", 15, "restart", BUSINESS, (0.3, 0.7, 0.0),
     province_desk("investment", "lognormal(8h, 0.6)", 0.10, "tri(3wd, 5wd, 7wd)"), 0.0, 150,
     "business", "P"),
    ("investment_policy_approval", "Chấp thuận chủ trương đầu tư", "investment", "province",
     35, "restart", BUSINESS, (0.3, 0.7, 0.0),
     province_desk("investment", "lognormal(16h, 0.6)", 0.12, "tri(10wd, 15wd, 22wd)"), 0.0,
     40, "business", "P"),
    # other
    ("other_commune", "Các thủ tục khác thuộc thẩm quyền cấp xã (xác nhận, giải quyết khác)",
     "other", "commune", 5, "restart", CIVIL, MIXED, commune_general(), None, 0, "office", "A"),
    ("other_province", "Các thủ tục khác thuộc thẩm quyền cấp tỉnh (giấy phép thương mại, ...)",
     "other", "province", 10, "restart", BUSINESS, ONLINE,
     province_desk("trade", "lognormal(1h, 0.7)", 0.06,
                   approval="lognormal(8min, 0.6)", sign="lognormal(3min, 0.6)"), 0.0, None, "business", "A"),
]

# Targets the rates above are balanced against.
MONTHLY_TOTAL = 146000      # [V] dantri 2025-12-03: ~730,000 dossiers 1 Jul-30 Nov 2025
COMMUNE_SHARE = 0.75        # [V] vietnamplus: ~75% handled at commune level
POPULATION = 4_400_000      # [V]
