import AssayCore

/// The people of the national campaign: the demonstration's cast of institutions and county
/// experts and commissions (`DemoCast`), each city's and province's commission, a city's appeal
/// panel and an expert of each city, and the experts the directory lists, seated on the teams
/// their commissions assign.
enum NationalCast {
    /// Who takes a step of an institution's story, relative to the institution.
    enum Role: Sendable {
        case institution
        /// The county's expert number n.
        case countyExpert(Int)
        case countyCommission
        case cityCommission
        /// A city expert who reviews the recommended standard's data.
        case cityExpert
        /// City experts other than the on-site group, who decide an appeal.
        case appealPanel
    }

    static func actor(_ role: Role, for county: NationalDirectory.County, institution: Institution) -> Actor {
        switch role {
        case .institution: DemoCast.institution(institution)
        case .countyExpert(let number): DemoCast.countyExpert(county.code, number)
        case .countyCommission: DemoCast.countyCommission(county.code)
        case .cityCommission: commission(county.city)
        case .cityExpert: Actor(id: "city-expert@\(county.city)", role: "city-expert", jurisdiction: .region(county.city))
        case .appealPanel: Actor(id: "appeal-panel@\(county.city)", role: "city-expert", jurisdiction: .region(county.city))
        }
    }

    /// The commission of a city or a province.
    static func commission(_ region: RegionCode) -> Actor {
        Actor(id: "commission@\(region)", role: region.level == .province ? "province-coordinator" : "city-coordinator", jurisdiction: .region(region))
    }

    /// An expert seated on a team, acting in the role the stage's decisions ask for, over the
    /// city or the province of the institution's county.
    static func seated(_ expert: String, as permission: Permission, in county: NationalDirectory.County) -> Actor {
        Actor(id: expert, role: permission.role, jurisdiction: .region(permission.level == .province ? county.province : county.city))
    }
}
