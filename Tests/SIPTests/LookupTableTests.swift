// The literal lookup tables the parser uses must say what the grammar says.

import Testing
@testable import SIP

@Suite struct LookupTableTests {
    @Test("the literal byte-class table equals the one built from the RFC 3261 §25.1 character sets")
    func characterClasses() {
        let specification = SIPCharacterClass.specification()
        #expect(SIPCharacterClass.table == specification, "regenerate the literal: \(specification.map { String($0) })")
    }

    @Test("every well-known header name, full or compact, in any case, maps to its own id")
    func knownHeaderLookup() {
        for id in 1..<KnownHeaders.infos.count {
            let info = KnownHeaders.infos[id]
            #expect(Int(KnownHeaders.id(of: info.name)) == id, "\(info.name)")
            #expect(Int(KnownHeaders.id(of: info.name.uppercased())) == id, "\(info.name)")
            if let compact = info.compact {
                let letter = String(UnicodeScalar(compact))
                #expect(Int(KnownHeaders.id(of: letter)) == id)
                #expect(Int(KnownHeaders.id(of: letter.uppercased())) == id)
            }
        }
        #expect(KnownHeaders.id(of: "X-Unknown") == 0)
        #expect(KnownHeaders.id(of: "Vias") == 0)
        #expect(KnownHeaders.id(of: "q") == 0)
    }

    @Test("the header name constants carry the ids of their canonical names")
    func headerNameConstants() {
        let constants: [(SIPHeaderName, String)] = [
            (.via, "Via"), (.from, "From"), (.to, "To"), (.callID, "Call-ID"), (.cseq, "CSeq"),
            (.contact, "Contact"), (.maxForwards, "Max-Forwards"), (.contentLength, "Content-Length"),
            (.contentType, "Content-Type"), (.route, "Route"), (.recordRoute, "Record-Route"),
            (.pAssertedIdentity, "P-Asserted-Identity"), (.wwwAuthenticate, "WWW-Authenticate"),
            (.authorization, "Authorization"), (.proxyAuthenticate, "Proxy-Authenticate"),
            (.proxyAuthorization, "Proxy-Authorization"), (.referTo, "Refer-To"), (.replaces, "Replaces"),
            (.sessionExpires, "Session-Expires"), (.minSE, "Min-SE"), (.rseq, "RSeq"), (.rack, "RAck"),
            (.targetDialog, "Target-Dialog"), (.accept, "Accept"), (.historyInfo, "History-Info"),
        ]
        for (constant, name) in constants {
            #expect(constant.canonicalName == name)
            #expect(constant == SIPHeaderName(name))
        }
    }
}
