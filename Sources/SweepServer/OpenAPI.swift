import SweepCore

/// The API described for programs (`GET /openapi.json`, OpenAPI 3.1): every route, its
/// parameters, its body and what it answers. `ServerTests` checks that each route the router
/// serves is here, and a validator from PyPI checks the document.
enum OpenAPI {
    static var document: JSONValue {
        .object([
            "openapi": .string("3.1.0"),
            "info": .object(["title": .string("Sweep"), "version": .string(SweepServer.apiVersion),
                             "description": .string("Studies, trials and curves of a Sweep storage; trials over HTTP.")]),
            "paths": .object([
                "/api/studies": get("Every study with its trial counts and best value", [], "Study list"),
                "/api/studies/{name}": get("One study", [name], "Study"),
                "/api/studies/{name}/trials": get(
                    "The study's trials in number order, paged",
                    [name, query("state", "waiting, running, complete, pruned or failed", "string"),
                     query("offset", "trials to skip", "integer"), query("limit", "at most this many (1 to 1000, default 100)", "integer")],
                    "A page of trials and the total"),
                "/api/studies/{name}/trials/{number}": get("One trial with every metric's curve", [name, number], "Trial"),
                "/api/studies/{name}/curves": get(
                    "Every trial's curve of a metric, downsampled keeping extremes",
                    [name, query("metric", "default: the study's objective", "string"),
                     query("points", "about this many points per curve (3 to 100000, default 300)", "integer")],
                    "Curves"),
                "/api/studies/{name}/live": get(
                    "What changed since a cursor: trials finished after it (each once), every running trial with its curve so far, counts, best",
                    [name, query("cursor", "the cursor of the last answer or of the study page (default 0: from the start)", "integer")],
                    "The changes and the cursor to pass next"),
                "/api/studies/{name}/ask": post(
                    "Start a trial", [name], body(["heartbeat_timeout": "number"]), "The trial's number, parameters and seed"),
                "/api/studies/{name}/trials/{number}/report": post(
                    "Record values at a step; answers continue or prune", [name, number],
                    body(["step": "integer", "value": "number", "metrics": "object"], required: ["step"]), "The decision"),
                "/api/studies/{name}/trials/{number}/tell": post(
                    "End a trial", [name, number], body(["value": "number", "state": "string"]), "How the trial ended"),
                "/api/studies/{name}/trials/{number}/heartbeat": post(
                    "Mark a running trial alive", [name, number], nil, "The trial's number"),
                "/api/studies/{name}/trials/{number}/should-prune": post(
                    "Ask the pruner without reporting", [name, number], nil, "The decision"),
                "/api/studies/{name}/enqueue": post(
                    "Queue a trial with fixed parameters", [name], body(["params": "object"], required: ["params"]), "The trial's number"),
                "/api/studies/{name}/notes": .object([
                    "get": operation("The research log, oldest first", [name], nil, "Notes", conflict: false),
                    "post": operation(
                        "Add a note to the study or a trial", [name], body(["text": "string", "trial": "integer"], required: ["text"]),
                        "Noted", conflict: false),
                ]),
            ]),
        ])
    }

    private static let name = parameter("name", in: "path", "the study's name", "string", required: true)
    private static let number = parameter("number", in: "path", "the trial's number", "integer", required: true)

    private static func query(_ key: String, _ description: String, _ type: String) -> JSONValue {
        parameter(key, in: "query", description, type, required: false)
    }

    private static func parameter(_ key: String, in place: String, _ description: String, _ type: String, required: Bool) -> JSONValue {
        .object(["name": .string(key), "in": .string(place), "required": .bool(required), "description": .string(description),
                 "schema": .object(["type": .string(type)])])
    }

    private static func body(_ properties: [String: String], required: [String] = []) -> JSONValue {
        var schema: [String: JSONValue] = [
            "type": .string("object"), "additionalProperties": .bool(false),
            "properties": .object(properties.mapValues { type in
                type == "number" ? .object(["type": .array([.string("number"), .string("null")])]) : .object(["type": .string(type)])
            }),
        ]
        if !required.isEmpty { schema["required"] = .array(required.map { .string($0) }) }
        return .object(["required": .bool(!required.isEmpty), "content": .object(["application/json": .object(["schema": .object(schema)])])])
    }

    private static func get(_ summary: String, _ parameters: [JSONValue], _ answer: String) -> JSONValue {
        .object(["get": operation(summary, parameters, nil, answer, conflict: false)])
    }

    /// A write: it may find its trial finished (409).
    private static func post(_ summary: String, _ parameters: [JSONValue], _ body: JSONValue?, _ answer: String) -> JSONValue {
        .object(["post": operation(summary, parameters, body, answer, conflict: true)])
    }

    private static func operation(
        _ summary: String, _ parameters: [JSONValue], _ body: JSONValue?, _ answer: String, conflict: Bool
    ) -> JSONValue {
        let json = JSONValue.object(["application/json": .object(["schema": .object(["type": .string("object")])])])
        var responses: [String: JSONValue] = [
            "200": .object(["description": .string(answer), "content": json]),
            "400": .object(["description": .string("A bad parameter or body, named in the error"), "content": json]),
            "404": .object(["description": .string("No such study or trial"), "content": json]),
            "503": .object(["description": .string("The storage is busy or out of reach: try again"), "content": json]),
        ]
        if conflict { responses["409"] = .object(["description": .string("The trial has finished"), "content": json]) }
        var op: [String: JSONValue] = ["summary": .string(summary), "parameters": .array(parameters), "responses": .object(responses)]
        if let body { op["requestBody"] = body }
        return .object(op)
    }
}
