/// Where ``TraceDecoder`` puts the events it completes: an array (the public `consume` and
/// `finish`, ``TraceDecodeStream/next()``), or ``DecodedEventHandler``, which hands each event
/// to a closure as it is made (``TraceDecodeStream/forEachReady(_:)``) and keeps none.
///
/// The decoder's methods are generic over it, so each kind of sink gets its own specialised
/// copy: appending to an array and calling the closure cost no dynamic dispatch.
protocol DecodedEventSink {
    /// Takes an event the decoder completed.
    mutating func append(_ event: consuming DecodedEvent)

    /// Takes the transaction the decoder completed, as ``append(_:)`` takes
    /// `.transaction(transaction)`, and leaves `transaction` as it was: the decoder empties it
    /// in place for the next command.
    mutating func append(transaction: inout DecodedTransaction)
}

extension DecodedEventSink {
    /// A copy goes into the event: the sink may keep it.
    mutating func append(transaction: inout DecodedTransaction) {
        append(.transaction(transaction))
    }
}

extension Array: DecodedEventSink where Element == DecodedEvent {}

/// Hands each event to `body` where the decoder made it: no array to move it into, copy it
/// out of and empty again.
struct DecodedEventHandler: DecodedEventSink {
    let body: (DecodedEvent) -> Void

    mutating func append(_ event: consuming DecodedEvent) {
        body(event)
    }

    /// The transaction is moved into the event and, once `body` has read it, back out: no copy
    /// of its strings and arrays is made (retained) only to be let go again.
    mutating func append(transaction: inout DecodedTransaction) {
        let event = DecodedEvent.transaction(consume transaction)
        body(event)
        switch consume event {
        case .transaction(let moved): transaction = moved
        // Not reached: the event is the one made above.
        default: transaction = .empty
        }
    }
}

/// ``DecodedEventHandler`` with transactions apart: each one handed to `transaction` where the
/// decoder keeps it, not made into an event (`TraceDecodeStream.forEachReady(transaction:other:)`).
struct SplitEventHandler: DecodedEventSink {
    let transaction: (DecodedTransaction) -> Void
    let other: (DecodedEvent) -> Void

    mutating func append(_ event: consuming DecodedEvent) {
        if case .transaction(let completed) = event {
            transaction(completed)
        } else {
            other(event)
        }
    }

    mutating func append(transaction completed: inout DecodedTransaction) {
        transaction(completed)
    }
}
