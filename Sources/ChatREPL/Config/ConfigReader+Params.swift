import ChatClient

/// Config `params`: request parameters at the top level, in a profile or for one model.
extension ConfigReader {
    /// Reads `params` from an object: known keys typed and range-checked, others kept as given.
    func params(_ members: [String: JSONValue], at prefix: String) throws(ParleyError) -> RequestParameters {
        guard let params = members["params"], params != .null else { return RequestParameters() }
        guard case .object(let named) = params else {
            throw mistake(prefix + "params", "an object of request parameters (e.g. {\"seed\": 42})", params)
        }
        var result = RequestParameters()
        for (rawName, value) in named.sorted(by: { $0.key < $1.key }) where value != .null {
            let name = ParameterValue.aliases[rawName] ?? rawName
            if let advice = ParameterValue.reserved[name] {
                throw .config(
                    path: path,
                    "key '\(prefix)params.\(rawName)': not a request parameter Parley lets you set (\(advice))")
            }
            if let spec = ParameterSpec.named(name), !spec.check(value) {
                let got = value.numberValue.map(Format.number) ?? value.kindName
                throw .config(path: path, "key '\(prefix)params.\(rawName)': expected \(spec.accepted), got \(got)")
            }
            result[name] = value
        }
        return result
    }
}
