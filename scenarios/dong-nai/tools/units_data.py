"""Commune-level units of Dong Nai from 1 July 2025 (Resolution 1662/NQ-UBTVQH15).

Names: the 23 wards and 72 communes as listed by region in Decree 293/2025/ND-CP
(regional minimum wage, Dong Nai section), cross-checked with the list of units that kept
their old boundaries (Phuoc Tan, Tam Phuoc, Thanh Son, Dak Lua, Phu Ly, Bu Gia Map, Dak O).
Populations: `pop` is a real figure where a source was found (tag V/P), otherwise a rough
estimate from the pre-merger district populations split over the new units (tag A); the
build script scales the A estimates so that the province totals 4.4 million.
Columns: (id, name, kind, old area, population estimate, tag, remote)
`remote`: far from the provincial centre (paper-heavy transfers), assumption.
"""

UNITS = [
    # --- former Bien Hoa city (9 units) ---
    ("bien_hoa", "Phường Biên Hòa", "ward", "Biên Hòa", 110000, "A", False),
    ("tran_bien", "Phường Trấn Biên", "ward", "Biên Hòa", 197000, "V", False),
    ("tam_hiep", "Phường Tam Hiệp", "ward", "Biên Hòa", 139400, "V", False),
    ("long_binh", "Phường Long Bình", "ward", "Biên Hòa", 168600, "V", False),
    ("trang_dai", "Phường Trảng Dài", "ward", "Biên Hòa", 140000, "A", False),
    ("ho_nai", "Phường Hố Nai", "ward", "Biên Hòa", 100000, "A", False),
    ("long_hung", "Phường Long Hưng", "ward", "Biên Hòa", 40000, "A", False),
    ("phuoc_tan", "Phường Phước Tân", "ward", "Biên Hòa", 62331, "P", False),
    ("tam_phuoc", "Phường Tam Phước", "ward", "Biên Hòa", 65471, "P", False),
    # --- former Long Khanh city ---
    ("long_khanh", "Phường Long Khánh", "ward", "Long Khánh", 50000, "A", False),
    ("binh_loc", "Phường Bình Lộc", "ward", "Long Khánh", 25000, "A", False),
    ("bao_vinh", "Phường Bảo Vinh", "ward", "Long Khánh", 35000, "A", False),
    ("xuan_lap", "Phường Xuân Lập", "ward", "Long Khánh", 30000, "A", False),
    ("hang_gon", "Phường Hàng Gòn", "ward", "Long Khánh", 30000, "A", False),
    # --- former Vinh Cuu ---
    ("tan_trieu", "Phường Tân Triều", "ward", "Vĩnh Cửu", 60000, "A", False),
    ("tri_an", "Xã Trị An", "commune", "Vĩnh Cửu", 45000, "A", False),
    ("tan_an", "Xã Tân An", "commune", "Vĩnh Cửu", 40000, "A", False),
    ("phu_ly", "Xã Phú Lý", "commune", "Vĩnh Cửu", 15000, "A", True),
    # --- former Long Thanh ---
    ("long_thanh", "Xã Long Thành", "commune", "Long Thành", 90000, "A", False),
    ("an_phuoc", "Xã An Phước", "commune", "Long Thành", 55000, "A", False),
    ("binh_an", "Xã Bình An", "commune", "Long Thành", 30000, "A", False),
    ("long_phuoc", "Xã Long Phước", "commune", "Long Thành", 45000, "A", False),
    ("phuoc_thai", "Xã Phước Thái", "commune", "Long Thành", 40000, "A", False),
    # --- former Nhon Trach ---
    ("nhon_trach", "Xã Nhơn Trạch", "commune", "Nhơn Trạch", 150000, "A", False),
    ("dai_phuoc", "Xã Đại Phước", "commune", "Nhơn Trạch", 65000, "A", False),
    ("phuoc_an", "Xã Phước An", "commune", "Nhơn Trạch", 60000, "A", False),
    # --- former Trang Bom ---
    ("trang_bom", "Xã Trảng Bom", "commune", "Trảng Bom", 110000, "A", False),
    ("an_vien", "Xã An Viễn", "commune", "Trảng Bom", 50000, "A", False),
    ("bau_ham", "Xã Bàu Hàm", "commune", "Trảng Bom", 45000, "A", False),
    ("binh_minh", "Xã Bình Minh", "commune", "Trảng Bom", 75000, "A", False),
    ("hung_thinh", "Xã Hưng Thịnh", "commune", "Trảng Bom", 50000, "A", False),
    # --- former Thong Nhat ---
    ("dau_giay", "Xã Dầu Giây", "commune", "Thống Nhất", 60000, "A", False),
    ("gia_kiem", "Xã Gia Kiệm", "commune", "Thống Nhất", 55000, "A", False),
    ("thong_nhat", "Xã Thống Nhất", "commune", "Thống Nhất", 55000, "A", False),
    # --- former Cam My ---
    ("cam_my", "Xã Cẩm Mỹ", "commune", "Cẩm Mỹ", 40000, "A", False),
    ("xuan_que", "Xã Xuân Quế", "commune", "Cẩm Mỹ", 30000, "A", False),
    ("xuan_duong", "Xã Xuân Đường", "commune", "Cẩm Mỹ", 30000, "A", False),
    ("song_ray", "Xã Sông Ray", "commune", "Cẩm Mỹ", 35000, "A", False),
    ("xuan_dong", "Xã Xuân Đông", "commune", "Cẩm Mỹ", 35000, "A", False),
    # --- former Xuan Loc ---
    ("xuan_loc", "Xã Xuân Lộc", "commune", "Xuân Lộc", 50000, "A", False),
    ("xuan_hoa", "Xã Xuân Hòa", "commune", "Xuân Lộc", 40000, "A", False),
    ("xuan_thanh", "Xã Xuân Thành", "commune", "Xuân Lộc", 30000, "A", False),
    ("xuan_bac", "Xã Xuân Bắc", "commune", "Xuân Lộc", 40000, "A", False),
    ("xuan_dinh", "Xã Xuân Định", "commune", "Xuân Lộc", 40000, "A", False),
    ("xuan_phu", "Xã Xuân Phú", "commune", "Xuân Lộc", 40000, "A", False),
    # --- former Dinh Quan ---
    ("dinh_quan", "Xã Định Quán", "commune", "Định Quán", 50000, "A", False),
    ("phu_vinh", "Xã Phú Vinh", "commune", "Định Quán", 45000, "A", False),
    ("la_nga", "Xã La Ngà", "commune", "Định Quán", 40000, "A", False),
    ("phu_hoa", "Xã Phú Hòa", "commune", "Định Quán", 40000, "A", False),
    ("thanh_son", "Xã Thanh Sơn", "commune", "Định Quán", 25000, "A", True),
    # --- former Tan Phu ---
    ("tan_phu", "Xã Tân Phú", "commune", "Tân Phú", 55000, "A", False),
    ("ta_lai", "Xã Tà Lài", "commune", "Tân Phú", 30000, "A", True),
    ("nam_cat_tien", "Xã Nam Cát Tiên", "commune", "Tân Phú", 30000, "A", True),
    ("phu_lam", "Xã Phú Lâm", "commune", "Tân Phú", 40000, "A", False),
    ("dak_lua", "Xã Đak Lua", "commune", "Tân Phú", 15000, "A", True),
    # --- former Binh Phuoc province: towns/cities ---
    ("binh_phuoc", "Phường Bình Phước", "ward", "Đồng Xoài", 55000, "A", False),
    ("dong_xoai", "Phường Đồng Xoài", "ward", "Đồng Xoài", 55000, "A", False),
    ("chon_thanh", "Phường Chơn Thành", "ward", "Chơn Thành", 55000, "A", False),
    ("minh_hung", "Phường Minh Hưng", "ward", "Chơn Thành", 45000, "A", False),
    ("nha_bich", "Xã Nha Bích", "commune", "Chơn Thành", 25000, "A", False),
    ("binh_long", "Phường Bình Long", "ward", "Bình Long", 30000, "A", False),
    ("an_loc", "Phường An Lộc", "ward", "Bình Long", 30000, "A", False),
    ("phuoc_binh", "Phường Phước Bình", "ward", "Phước Long", 25000, "A", False),
    ("phuoc_long", "Phường Phước Long", "ward", "Phước Long", 30000, "A", False),
    # --- former Dong Phu ---
    ("dong_phu", "Xã Đồng Phú", "commune", "Đồng Phú", 30000, "A", False),
    ("tan_loi", "Xã Tân Lợi", "commune", "Đồng Phú", 20000, "A", False),
    ("dong_tam", "Xã Đồng Tâm", "commune", "Đồng Phú", 20000, "A", False),
    ("thuan_loi", "Xã Thuận Lợi", "commune", "Đồng Phú", 20000, "A", False),
    # --- former Hon Quan ---
    ("tan_hung", "Xã Tân Hưng", "commune", "Hớn Quản", 25000, "A", False),
    ("tan_khai", "Xã Tân Khai", "commune", "Hớn Quản", 35000, "A", False),
    ("minh_duc", "Xã Minh Đức", "commune", "Hớn Quản", 25000, "A", False),
    ("tan_quan", "Xã Tân Quan", "commune", "Hớn Quản", 25000, "A", False),
    # --- former Loc Ninh ---
    ("loc_ninh", "Xã Lộc Ninh", "commune", "Lộc Ninh", 30000, "A", False),
    ("loc_thanh", "Xã Lộc Thành", "commune", "Lộc Ninh", 15000, "A", True),
    ("loc_hung", "Xã Lộc Hưng", "commune", "Lộc Ninh", 20000, "A", False),
    ("loc_tan", "Xã Lộc Tấn", "commune", "Lộc Ninh", 20000, "A", True),
    ("loc_thanh_2", "Xã Lộc Thạnh", "commune", "Lộc Ninh", 15000, "A", True),
    ("loc_quang", "Xã Lộc Quang", "commune", "Lộc Ninh", 20000, "A", True),
    # --- former Bu Dop ---
    ("thien_hung", "Xã Thiện Hưng", "commune", "Bù Đốp", 20000, "A", True),
    ("tan_tien", "Xã Tân Tiến", "commune", "Bù Đốp", 20000, "A", True),
    ("hung_phuoc", "Xã Hưng Phước", "commune", "Bù Đốp", 20000, "A", True),
    # --- former Bu Gia Map ---
    ("bu_gia_map", "Xã Bù Gia Mập", "commune", "Bù Gia Mập", 20000, "A", True),
    ("dak_o", "Xã Đăk Ơ", "commune", "Bù Gia Mập", 25000, "A", True),
    ("phu_nghia", "Xã Phú Nghĩa", "commune", "Bù Gia Mập", 25000, "A", True),
    ("da_kia", "Xã Đa Kia", "commune", "Bù Gia Mập", 20000, "A", True),
    # --- former Phu Rieng ---
    ("phu_rieng", "Xã Phú Riềng", "commune", "Phú Riềng", 30000, "A", False),
    ("phu_trung", "Xã Phú Trung", "commune", "Phú Riềng", 25000, "A", False),
    ("long_ha", "Xã Long Hà", "commune", "Phú Riềng", 25000, "A", False),
    ("binh_tan", "Xã Bình Tân", "commune", "Phú Riềng", 25000, "A", False),
    # --- former Bu Dang ---
    ("bu_dang", "Xã Bù Đăng", "commune", "Bù Đăng", 30000, "A", False),
    ("tho_son", "Xã Thọ Sơn", "commune", "Bù Đăng", 20000, "A", True),
    ("dak_nhau", "Xã Đak Nhau", "commune", "Bù Đăng", 20000, "A", True),
    ("bom_bo", "Xã Bom Bo", "commune", "Bù Đăng", 25000, "A", True),
    ("phuoc_son", "Xã Phước Sơn", "commune", "Bù Đăng", 20000, "A", True),
    ("nghia_trung", "Xã Nghĩa Trung", "commune", "Bù Đăng", 25000, "A", False),
]

# Provincial bodies: (id, name, kind, domains)
PROVINCIAL = [
    ("so_nong_nghiep_moi_truong", "Sở Nông nghiệp và Môi trường", "department", ["land"]),
    ("so_xay_dung", "Sở Xây dựng", "department", ["construction"]),
    ("so_tu_phap", "Sở Tư pháp", "department", ["civil_status_justice", "certification"]),
    ("so_tai_chinh", "Sở Tài chính", "department",
     ["finance_budget", "investment", "household_business"]),
    ("so_noi_vu", "Sở Nội vụ", "department", ["social_labour"]),
    ("cac_so_nganh_khac", "Các sở, ngành khác (tổng hợp)", "department", ["other"]),
    ("ttphvhcc_tinh", "Trung tâm Phục vụ hành chính công tỉnh", "service_center", []),
]
