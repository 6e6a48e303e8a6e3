import AssayCore
import Coordinators

/// Jiaozuo's directories as the coordinators keep them (the layout of `shared/assignment`): the
/// province, the city and its eleven county-level units, the institutions of attachment 1, the
/// demonstration's experts under their pseudonyms, and the expert groups of attachment 5 with
/// the provincial group. `assay demo` imports it as the snapshot `assay assign` reads by default.
public enum DemoDirectory {
    /// The provincial experts' home: a county of Zhengzhou, so their seats in Jiaozuo are travel.
    static let provincialHome = (city: "410100", county: "410105")
    static let specialties = [["clinical"], ["nursing"], ["infection-control"], ["clinical", "management"], ["nursing", "public-health"], ["clinical", "tcm"]]

    public static let files: Directory.Files = {
        var regions = ["code,level,name,parent_code", "\(Jiaozuo.province),province,河南省,", "\(Jiaozuo.city),city,焦作市,\(Jiaozuo.province)",
                       "\(provincialHome.city),city,郑州市,\(Jiaozuo.province)", "\(provincialHome.county),county,金水区,\(provincialHome.city)"]
        regions += Jiaozuo.counties.map { "\($0.code),county,\($0.name),\(Jiaozuo.city)" }
        let institutions = ["institution_id,county_code,name,type"] + Jiaozuo.institutions.map { "\($0.id),\($0.region),\($0.name),\($0.type?.rawValue ?? "")" }
        var experts = ["expert_id,home_county,home_institution,level,specialties,capacity"]
        var members: [Int: [String]] = [1: [], 2: []]
        for county in Jiaozuo.counties {
            for number in 1...3 {
                let id = DemoCast.countyExpert(county.code, number).id
                experts.append("\(id),\(county.code),,county,\(specialties[number - 1].joined(separator: ";")),3")
                members[county.cityGroup]!.append(id)
            }
        }
        // City experts live in the urban districts: group 1's in 解放区, group 2's in 山阳区.
        for group in 1...2 {
            for member in 1...6 {
                let id = DemoCast.cityExpert(group: group, member).id
                experts.append("\(id),\(group == 1 ? "410802" : "410811"),,city,\(specialties[member - 1].joined(separator: ";")),6")
                members[group]!.append(id)
            }
        }
        let provincial = (1...5).map { DemoCast.provinceExpert($0).id }
        for (index, id) in provincial.enumerated() {
            experts.append("\(id),\(provincialHome.county),,province,\(specialties[index].joined(separator: ";")),4")
        }
        let covers = { (group: Int) in Jiaozuo.counties.filter { $0.cityGroup == group }.map(\.code.description).joined(separator: ";") }
        let groups = ["group_id,level,covers,members",
                      "G410800-1,city,\(covers(1)),\(members[1]!.joined(separator: ";"))",
                      "G410800-2,city,\(covers(2)),\(members[2]!.joined(separator: ";"))",
                      "G410000,province,\(Jiaozuo.counties.map(\.code.description).joined(separator: ";")),\(provincial.joined(separator: ";"))"]
        // A city expert who worked at 木楼卫生院 declared the conflict.
        let conflicts = ["expert_id,institution_id", "\(DemoCast.cityExpert(group: 1, 4).id),410882-003"]
        func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }
        return Directory.Files(regions: text(regions), institutions: text(institutions), experts: text(experts), groups: text(groups), conflicts: text(conflicts))
    }()
}
