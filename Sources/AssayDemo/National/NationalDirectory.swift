import AssayCore
import Coordinators
import Foundation

/// A nation's directory for the national campaign, of the shape of `shared/assignment`'s
/// national preset: provinces of ten counties each (two from each of five cities, where a
/// province has them), institutions spread over the counties by a lognormal weight, experts by
/// city (six in ten at county level, three at city level, one at province level), a group per
/// city and per province, and a few declared conflicts. The regions are real GB/T 2260 codes
/// from the registration rules' directory, so every institution's registration can comply;
/// names are made up. The same seed gives the same directory.
public struct NationalDirectory: Sendable {
    /// One county's place: its code, its city's and its province's.
    public struct County: Sendable, Hashable {
        public var code: RegionCode
        public var city: RegionCode
        public var province: RegionCode
    }

    public var counties: [County]
    /// The institutions in directory order (not sorted by county).
    public var institutions: [Institution]
    public var files: Directory.Files

    /// The county of each institution's region.
    public let countyOf: [RegionCode: County]

    static let countiesPerProvince = 10
    static let citiesPerProvince = 5
    static let specialties = ["clinical", "nursing", "infection-control", "public-health", "tcm", "management"]
    static let specialtyWeights: [Double] = [45, 20, 10, 9, 8, 8]

    /// A directory of `institutions` institutions in `provinces` provinces (at most 31), drawn
    /// from `divisions` (GB/T 2260 codes) with `seed`.
    public init(institutions count: Int, provinces: Int = 30, divisions: [String], seed: UInt64) {
        counties = Self.counties(provinces: provinces, from: divisions)
        countyOf = Dictionary(uniqueKeysWithValues: counties.map { ($0.code, $0) })
        var sizes = SeededRandom(seed: seed, stream: 1)
        let weights = counties.map { _ in exp(0.4 * sizes.normal()) }
        let floor = count / counties.count / 5
        let perCounty = zip(Self.apportion(count - floor * counties.count, weights), counties).map { ($0 + floor, $1) }
        var places = perCounty.flatMap { Array(repeating: $1, count: $0) }
        var order = SeededRandom(seed: seed, stream: 2)
        order.shuffle(&places)
        let width = String(count).count
        institutions = places.enumerated().map { index, county in
            let id = "I" + String(repeating: "0", count: max(0, width - String(index + 1).count)) + String(index + 1)
            let township = order.chance(0.6)
            return Institution(id: id, name: "机构\(id)" + (township ? "卫生院" : "社区卫生服务中心"), region: county.code,
                               type: township ? .townshipHealthCentre : .communityHealthServiceCentre)
        }
        files = Self.files(counties: counties, institutions: institutions, seed: seed)
    }

    /// Up to ten counties of each of the first `provinces` provinces that have counties: two of
    /// each of its first five cities in turn, more of each where it has fewer cities.
    static func counties(provinces: Int, from divisions: [String]) -> [County] {
        let codes = divisions.sorted()
        let countyCodes = codes.filter { !$0.hasSuffix("00") && !$0.hasSuffix("01") }
        var chosen: [County] = []
        for province in codes.filter({ $0.hasSuffix("0000") }) {
            let cities = codes.filter { $0.hasPrefix(province.prefix(2)) && $0.hasSuffix("00") && $0 != province }
            // A city of one county could not be reviewed by its own experts, who never review their home county.
            var byCity = cities.map { city in countyCodes.filter { $0.hasPrefix(city.prefix(4)) } }.filter { $0.count >= 2 }.prefix(citiesPerProvince).map { $0 }
            guard !byCity.isEmpty else { continue }
            var taken: [County] = []
            while taken.count < countiesPerProvince, byCity.contains(where: { !$0.isEmpty }) {
                for index in byCity.indices where taken.count < countiesPerProvince && !byCity[index].isEmpty {
                    let code = byCity[index].removeFirst()
                    taken.append(County(code: RegionCode(code)!, city: RegionCode(String(code.prefix(4)) + "00")!, province: RegionCode(province)!))
                }
            }
            chosen += taken.sorted { $0.code < $1.code }
            if chosen.count >= provinces * countiesPerProvince { break }
        }
        return chosen
    }

    /// `total` split in proportion to `weights` (largest remainder, ties by index).
    static func apportion(_ total: Int, _ weights: [Double]) -> [Int] {
        let sum = weights.reduce(0, +)
        let quotas = weights.map { Double(total) * $0 / sum }
        var parts = quotas.map { Int($0) }
        let order = quotas.indices.sorted { (quotas[$0] - Double(parts[$0]), -$0) > (quotas[$1] - Double(parts[$1]), -$1) }
        for index in order.prefix(total - parts.reduce(0, +)) { parts[index] += 1 }
        return parts
    }

    /// The five files of the directory: regions, institutions, experts, groups and conflicts.
    static func files(counties: [County], institutions: [Institution], seed: UInt64) -> Directory.Files {
        var regions = ["code,level,name,parent_code"]
        var seenRegions = Set<RegionCode>()
        for county in counties {
            if seenRegions.insert(county.province).inserted { regions.append("\(county.province),province,省\(county.province),") }
            if seenRegions.insert(county.city).inserted { regions.append("\(county.city),city,市\(county.city),\(county.province)") }
            regions.append("\(county.code),county,县\(county.code),\(county.city)")
        }
        let institutionLines = ["institution_id,county_code,name,type"] + institutions.map { "\($0.id),\($0.region),\($0.name),\($0.type!.rawValue)" }
        let byCounty = Dictionary(grouping: institutions, by: \.region)
        var random = SeededRandom(seed: seed, stream: 3)
        var experts = ["expert_id,home_county,home_institution,level,specialties,capacity"]
        var cityMembers: [RegionCode: [String]] = [:], provinceMembers: [RegionCode: [String]] = [:]
        let cities = Dictionary(grouping: counties, by: \.city).sorted { $0.key < $1.key }
        var number = 0
        var assured = Set<String>()
        func add(_ county: County, level: String, specialties chosen: [String], capacity: Int) {
            number += 1
            let id = "E\(String(format: "%05d", number))"
            let pool = byCounty[county.code] ?? []
            let home = random.chance(0.7) && !pool.isEmpty ? pool[random.below(pool.count)].id : ""
            experts.append("\(id),\(county.code),\(home),\(level),\(chosen.joined(separator: ";")),\(capacity)")
            if level == "province" { provinceMembers[county.province, default: []].append(id) } else { cityMembers[county.city, default: []].append(id) }
        }
        for (city, cityCounties) in cities {
            let first = cityCounties[0], last = cityCounties[cityCounties.count - 1]
            // Every seat of a team can be filled for every county: a clinical and a care expert
            // at home outside it, in the city's group and, once a province, in the province's.
            if counties.first(where: { $0.province == first.province })?.city == city {
                let provinceCounties = counties.filter { $0.province == first.province }
                let other = provinceCounties.first { $0.code != first.code } ?? first
                for (county, specialty) in [(first, "clinical"), (other, "clinical"), (first, "nursing"), (other, "infection-control")] {
                    add(county, level: "province", specialties: [specialty], capacity: 48)
                    assured.insert("E\(String(format: "%05d", number))")
                }
            }
            for (county, specialty) in [(first, "clinical"), (last, "clinical"), (first, "nursing"), (last, "infection-control")] {
                add(county, level: "city", specialties: [specialty], capacity: 48)
                assured.insert("E\(String(format: "%05d", number))")
            }
            let institutionsInCity = cityCounties.reduce(0) { $0 + (byCounty[$1.code]?.count ?? 0) }
            for _ in 0..<max(4, institutionsInCity * 2 / 9 - 4) {
                let county = cityCounties[random.below(cityCounties.count)]
                let level = ["county", "city", "province"][random.weighted([60, 30, 10])]
                var weights = specialtyWeights, chosen: [Int] = []
                for _ in 0..<(random.chance(0.4) ? 2 : 1) {
                    let specialty = random.weighted(weights)
                    chosen.append(specialty)
                    weights[specialty] = 0
                }
                add(county, level: level, specialties: chosen.sorted().map { specialties[$0] }, capacity: 12 + random.below(37))
            }
        }
        var groups = ["group_id,level,covers,members"]
        for (city, cityCounties) in cities {
            groups.append("G\(city),city,\(cityCounties.map(\.code.description).joined(separator: ";")),\((cityMembers[city] ?? []).joined(separator: ";"))")
        }
        for (province, provinceCounties) in Dictionary(grouping: counties, by: \.province).sorted(by: { $0.key < $1.key }) {
            groups.append("G\(province),province,\(provinceCounties.map(\.code.description).joined(separator: ";")),\((provinceMembers[province] ?? []).joined(separator: ";"))")
        }
        // A few declared conflicts: an expert (not one of those who assure the seats) and an
        // institution of a county the expert's city covers.
        var conflicts = ["expert_id,institution_id"]
        var draw = SeededRandom(seed: seed, stream: 4)
        for (city, members) in cityMembers.sorted(by: { $0.key < $1.key }) {
            let pool = counties.filter { $0.city == city }.flatMap { byCounty[$0.code] ?? [] }
            for member in members where !assured.contains(member) && !pool.isEmpty && draw.chance(0.05) {
                conflicts.append("\(member),\(pool[draw.below(pool.count)].id)")
            }
        }
        func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
        return Directory.Files(regions: text(regions), institutions: text(institutionLines), experts: text(experts), groups: text(groups), conflicts: text(conflicts))
    }
}
