import HTTPTypes
import Telemetry

/// One request and its response on the kept-alive connection. Bytes, the connection's end and
/// the timer come in as events on the actor; the first that settles the exchange wins.
extension HTTPSender {
    enum Outcome: Sendable {
        case response(HTTPResponseMessage)
        case failed(String)
        /// The connection ended before any byte of the answer: on a reused connection the
        /// server closed it while idle, and the request is worth repeating once.
        case stale(String)
    }

    /// Sends `body` and waits for the final response, repeating once on a stale reused connection.
    func post(_ body: [UInt8]) async -> Outcome {
        let request = HTTPRequest(method: .post, scheme: "http", authority: destination.authority, path: destination.target,
                                  headerFields: configuration.headerFields)
        let bytes: [UInt8]
        do { bytes = try HTTPRequestEncoder.encode(request, body: body) } catch { return .failed("\(error)") }
        let first = await exchange(bytes)
        if case .stale = first { return await exchange(bytes) }
        return first
    }

    private func exchange(_ bytes: [UInt8]) async -> Outcome {
        // Bytes nobody asked for arrived since the last answer: start over on a new connection.
        if connection != nil, !parser.isIdle { await closeConnection() }
        let reused = connection != nil
        let connection: any TelemetryConnection
        do throws(TelemetryConnectionError) {
            connection = try await open()
        } catch {
            return .failed("\(error)")
        }
        exchange += 1
        let current = exchange
        outcome = nil
        awaiting = true
        bytesThisExchange = false
        exchangeReused = reused
        do throws(TelemetryConnectionError) {
            try await connection.send(bytes)
        } catch {
            settle(reused && error == .closed ? .stale("\(error)") : .failed("\(error)"))
        }
        if awaiting {
            let timeout = configuration.responseTimeout
            timer = Task { [clock] in
                do { try await clock.sleep(for: timeout) } catch { return }
                self.timerFired(current, timeout)
            }
        }
        let result: Outcome
        if let outcome {
            result = outcome
        } else {
            result = await withCheckedContinuation { waiter = $0 }
        }
        timer?.cancel()
        timer = nil
        self.outcome = nil
        switch result {
        case .response(let message) where message.keepAlive && parser.isIdle:
            break
        default:
            await closeConnection()
        }
        return result
    }

    private func open() async throws(TelemetryConnectionError) -> any TelemetryConnection {
        if let connection { return connection }
        let opened = try await connector.connect(host: destination.endpoint.host.connectHost, port: destination.endpoint.port, transport: .tcp)
        generation += 1
        let current = generation
        connection = opened
        parser = HTTPResponseParser(limits: configuration.responseLimits)
        Task {
            for await bytes in opened.received { self.received(bytes, on: current) }
            self.ended(current)
        }
        return opened
    }

    func closeConnection() async {
        guard let connection else { return }
        self.connection = nil
        generation += 1
        if awaiting { settle(.failed("connection closed")) }
        await connection.close()
    }

    private func received(_ bytes: [UInt8], on current: Int) {
        guard current == generation else { return }
        parser.append(bytes)
        bytesThisExchange = true
        guard awaiting else { return }   // unasked-for bytes: the next exchange sees them and closes
        do {
            if let message = try parser.next() { settle(.response(message)) }
        } catch {
            settle(.failed("\(error)"))
        }
    }

    private func ended(_ current: Int) {
        guard current == generation else { return }
        connection = nil
        generation += 1
        guard awaiting else { return }
        do {
            if let message = try parser.finish() {
                settle(.response(message))
            } else {
                settle(bytesThisExchange || !exchangeReused ? .failed("connection closed") : .stale("connection closed before a response"))
            }
        } catch {
            settle(.failed("\(error)"))
        }
    }

    private func timerFired(_ current: Int, _ timeout: Duration) {
        guard awaiting, current == exchange else { return }
        settle(.failed("no response within \(timeout)"))
    }

    private func settle(_ result: Outcome) {
        guard awaiting else { return }
        awaiting = false
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: result)
        } else {
            outcome = result
        }
    }
}
