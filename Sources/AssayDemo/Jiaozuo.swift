import AssayCore
import Foundation

/// Jiaozuo city (焦作市) as seed 003 describes it: its county-level units and the 28
/// institutions of attachment 1 that had not yet reached the basic standard in 2022.
public enum Jiaozuo {
    /// A county-level unit of Jiaozuo.
    public struct County: Sendable, Hashable {
        public var code: RegionCode
        public var name: String
        /// The city expert group (seed 003, attachment 5) that covers the county: 1 or 2.
        public var cityGroup: Int
    }

    public static let province = RegionCode("410000")!
    public static let city = RegionCode("410800")!

    /// GB/T 2260 codes; the demonstration zone (示范区) has none, so it has the local code 4108A1.
    public static let counties: [County] = [
        County(code: RegionCode("410802")!, name: "解放区", cityGroup: 2),
        County(code: RegionCode("410803")!, name: "中站区", cityGroup: 2),
        County(code: RegionCode("410804")!, name: "马村区", cityGroup: 2),
        County(code: RegionCode("410811")!, name: "山阳区", cityGroup: 2),
        County(code: RegionCode("410821")!, name: "修武县", cityGroup: 1),
        County(code: RegionCode("410822")!, name: "博爱县", cityGroup: 1),
        County(code: RegionCode("410823")!, name: "武陟县", cityGroup: 1),
        County(code: RegionCode("410825")!, name: "温县", cityGroup: 1),
        County(code: RegionCode("410882")!, name: "沁阳市", cityGroup: 1),
        County(code: RegionCode("410883")!, name: "孟州市", cityGroup: 1),
        County(code: RegionCode("4108A1")!, name: "城乡一体化示范区", cityGroup: 2),
    ]

    /// The county with `code`.
    public static func county(_ code: RegionCode) -> County? {
        counties.first { $0.code == code }
    }

    /// Attachment 1, in its order. Ids are the county code and the position within the county.
    public static let institutions: [Institution] = {
        let list: [(county: String, names: [String])] = [
            ("410882", ["常平乡卫生院", "柏香镇葛村卫生院", "木楼卫生院", "紫陵卫生院", "怀庆社区卫生服务中心", "沁园社区卫生服务中心", "太行社区卫生服务中心"]),
            ("410883", ["赵和镇卫生院", "会昌社区卫生服务中心"]),
            ("410825", ["黄河街道卫生服务中心"]),
            ("410822", ["博爱县月山镇卫生院", "博爱县寨豁乡卫生院"]),
            ("410823", ["木城街道办事处社区卫生服务中心", "龙源街道办事处社区卫生服务中心", "龙泉街道办事处社区卫生服务中心"]),
            ("410821", ["云台山镇卫生院", "城关镇卫生院", "西村乡卫生院", "为民社区卫生服务中心"]),
            ("410802", ["焦西社区卫生服务中心", "民生街道济民社区卫生服务中心"]),
            ("410811", ["塔西社区卫生服务中心", "定和南社区卫生服务中心"]),
            ("410803", ["龙翔社区卫生服务中心", "王封社区卫生服务中心", "朱村社区卫生服务中心", "冯封社区卫生服务中心"]),
            ("410804", ["昌盛社区卫生服务中心"]),
        ]
        return list.flatMap { county, names in
            names.enumerated().map { index, name in
                Institution(id: "\(county)-\(String(format: "%03d", index + 1))", name: name, region: RegionCode(county)!,
                            type: InstitutionType(name: name))
            }
        }
    }()

    /// The institution named `name` in attachment 1.
    public static func institution(named name: String) -> Institution? {
        institutions.first { $0.name == name }
    }
}
