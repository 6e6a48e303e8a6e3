import AssayCore
import Foundation
import Hummingbird

/// The pages' stylesheet and scripts, read once from `Pages/Assets` and served by the server
/// itself (no page loads anything from elsewhere). The service worker is served at
/// `/app/sw.js`, so it may serve every page under `/app/`.
struct PageAssets: Sendable {
    struct Asset: Sendable {
        var bytes: ByteBuffer
        var contentType: String
        var etag: String
    }

    let files: [String: Asset]

    init() throws {
        guard let directory = Bundle.module.url(forResource: "Assets", withExtension: nil) else { throw ServerSetupError.resourceMissing("page assets") }
        var files: [String: Asset] = [:]
        for file in try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil) {
            let data = try Data(contentsOf: file)
            let type = switch file.pathExtension {
            case "css": "text/css; charset=utf-8"
            case "js": "text/javascript; charset=utf-8"
            default: "application/octet-stream"
            }
            files[file.lastPathComponent] = Asset(bytes: ByteBuffer(bytes: data), contentType: type, etag: "\"\(FileHash.sha256(Array(data)).prefix(16))\"")
        }
        self.files = files
    }

    func register(on router: Pages.Routes) {
        router.get("assets/{name}") { request, context in
            guard let name = context.parameters.get("name"), let asset = files[name] else { throw HTTPError(.notFound) }
            return respond(asset, to: request)
        }
        router.get("sw.js") { request, _ in
            guard let asset = files["sw.js"] else { throw HTTPError(.notFound) }
            return respond(asset, to: request)
        }
    }

    /// The asset, or 304 when the reader holds this version of it. Revalidated on each use, so
    /// a new server's assets are seen at once.
    private func respond(_ asset: Asset, to request: Request) -> Response {
        var headers = HTTPFields()
        headers[.eTag] = asset.etag
        headers[.cacheControl] = "no-cache"
        if request.headers[.ifNoneMatch] == asset.etag { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = asset.contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: asset.bytes))
    }
}
