import Accounts

/// The account a request acts as, found from its session by `Authentication` and read by the
/// operations: never taken from the request's body.
enum SignedIn {
    /// The signed-in account and its session's token hash; nil when the request carries no valid session.
    @TaskLocal static var current: (account: AccountsState.Account, tokenHash: [UInt8])?
}
