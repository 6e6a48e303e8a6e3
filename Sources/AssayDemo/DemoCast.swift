import AssayCore

/// The people of the demonstration, under pseudonyms: each county's experts and commission, the
/// two city expert groups of attachment 5, the provincial group, and the commissions.
public enum DemoCast {
    /// The institution itself, acting on its own case.
    public static func institution(_ institution: Institution) -> Actor {
        Actor(id: "staff@\(institution.id)", role: "institution", jurisdiction: .institution(institution.id))
    }

    /// One of a county's experts: 1 clinical, 2 infection control or nursing (attachment 5's note).
    public static func countyExpert(_ county: RegionCode, _ number: Int = 1) -> Actor {
        Actor(id: "county-expert-\(number)@\(county)", role: "county-expert", jurisdiction: .region(county))
    }

    public static func countyCommission(_ county: RegionCode) -> Actor {
        Actor(id: "commission@\(county)", role: "county-coordinator", jurisdiction: .region(county))
    }

    /// A member of city expert group 1 or 2; member 1 is the group's leader.
    public static func cityExpert(group: Int, _ member: Int = 1) -> Actor {
        Actor(id: "city-group-\(group)-member-\(member)", role: "city-expert", jurisdiction: .region(Jiaozuo.city))
    }

    public static let cityCommission = Actor(id: "commission@\(Jiaozuo.city)", role: "city-coordinator", jurisdiction: .region(Jiaozuo.city))

    /// A member of the provincial expert group; member 1 is its convener.
    public static func provinceExpert(_ member: Int = 1) -> Actor {
        Actor(id: "province-group-member-\(member)", role: "province-expert", jurisdiction: .region(Jiaozuo.province))
    }

    public static let provinceCommission = Actor(id: "commission@\(Jiaozuo.province)", role: "province-coordinator", jurisdiction: .region(Jiaozuo.province))

    /// An expert `assay assign` seated on a review team, acting in the role the stage's decisions
    /// ask for, over the city or the province: a county expert on a city team acts as a city expert.
    public static func seated(_ expert: String, as permission: Permission) -> Actor {
        Actor(id: expert, role: permission.role, jurisdiction: .region(permission.level == .province ? Jiaozuo.province : Jiaozuo.city))
    }

    /// The commission that assigns the teams of reviews at `level`.
    public static func commission(assigning level: RegionLevel) -> Actor {
        level == .province ? provinceCommission : cityCommission
    }
}
