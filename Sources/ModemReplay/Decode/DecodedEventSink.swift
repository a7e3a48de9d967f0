/// Where ``TraceDecoder`` puts the events it completes: an array (the public `consume` and
/// `finish`, ``TraceDecodeStream/next()``), or ``DecodedEventHandler``, which hands each event
/// to a closure as it is made (``TraceDecodeStream/forEachReady(_:)``) and keeps none.
///
/// The decoder's methods are generic over it, so each kind of sink gets its own specialised
/// copy: appending to an array and calling the closure cost no dynamic dispatch.
protocol DecodedEventSink {
    /// Takes an event the decoder completed.
    mutating func append(_ event: consuming DecodedEvent)
}

extension Array: DecodedEventSink where Element == DecodedEvent {}

/// Hands each event to `body` where the decoder made it: no array to move it into, copy it
/// out of and empty again.
struct DecodedEventHandler: DecodedEventSink {
    let body: (DecodedEvent) -> Void

    mutating func append(_ event: consuming DecodedEvent) {
        body(event)
    }
}
