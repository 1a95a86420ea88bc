extension MessageWriter {
    /// One rendered MIME entity: its folded Content-* headers and its encoded body.
    struct Entity {
        var headers: [UInt8]
        var body: [UInt8]

        /// `path` is the position among multiparts (child indexes), used for distinct boundaries.
        static func render(_ part: MIMEPart, seed: String, path: [Int]) throws(MailError) -> Entity {
            var headers: [UInt8] = []
            switch part.content {
            case .text(let text, let subtype):
                try HeaderFolding.append(
                    name: "Content-Type", value: Array("text/\(subtype); charset=utf-8".utf8), field: "Content-Type",
                    to: &headers)
                if let plain = QuotedPrintable.sevenBit(text) {
                    headers.append(contentsOf: "Content-Transfer-Encoding: 7bit\r\n".utf8)
                    return Entity(headers: headers, body: plain)
                }
                headers.append(contentsOf: "Content-Transfer-Encoding: quoted-printable\r\n".utf8)
                return Entity(headers: headers, body: QuotedPrintable.encode(text))

            case .attachment(let data, let contentType, let rawFilename):
                let filename = ByteRules.trimmingWhitespace(rawFilename)
                var type = Array(contentType.utf8)
                if !contentType.lowercased().contains("name=") {
                    type.append(contentsOf: MIMEParameters.nameParameter(filename: filename))
                }
                try HeaderFolding.append(name: "Content-Type", value: type, field: "Content-Type", to: &headers)
                headers.append(contentsOf: "Content-Transfer-Encoding: base64\r\n".utf8)
                try HeaderFolding.append(
                    name: "Content-Disposition", value: MIMEParameters.contentDisposition(filename: filename),
                    field: "Content-Disposition filename", to: &headers)
                return Entity(headers: headers, body: Base64Lines.encode(data))

            case .multipart(let subtype, let parts):
                var children: [[UInt8]] = []
                children.reserveCapacity(parts.count)
                for (k, child) in parts.enumerated() {
                    let entity = try render(child, seed: seed, path: path + [k])
                    var bytes = entity.headers
                    bytes.reserveCapacity(entity.headers.count + 2 + entity.body.count)
                    bytes.append(ByteRules.cr)
                    bytes.append(ByteRules.lf)
                    bytes.append(contentsOf: entity.body)
                    children.append(bytes)
                }
                let boundary = Boundary.make(seed: seed, path: path, children: children)
                try HeaderFolding.append(
                    name: "Content-Type", value: Array("multipart/\(subtype); boundary=\"\(boundary)\"".utf8),
                    field: "Content-Type", to: &headers)
                let delimiter = Array("--\(boundary)".utf8)
                var body: [UInt8] = []
                let framing = (children.count + 1) * (delimiter.count + 4)
                body.reserveCapacity(children.reduce(0) { $0 + $1.count } + framing)
                for (k, child) in children.enumerated() {
                    if k > 0 {
                        body.append(ByteRules.cr)
                        body.append(ByteRules.lf)
                    }
                    body.append(contentsOf: delimiter)
                    body.append(ByteRules.cr)
                    body.append(ByteRules.lf)
                    body.append(contentsOf: child)
                }
                body.append(ByteRules.cr)
                body.append(ByteRules.lf)
                body.append(contentsOf: delimiter)
                body.append(contentsOf: "--\r\n".utf8)
                return Entity(headers: headers, body: body)
            }
        }
    }
}
