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
                "/api/studies": get("Every study with its trial counts and best value", [], "Study list", APISchemas.studies),
                "/api/studies/{name}": get("One study", [name], "Study", APISchemas.study),
                "/api/studies/{name}/best": get(
                    "The best trial by the study's direction and value rule (404 while none has completed)", [name], "Trial",
                    APISchemas.trialDetail),
                "/api/studies/{name}/trials": get(
                    "The study's trials, filtered, sorted (number order by default) and paged",
                    [name] + TrialQuery.parameters(defaultLimit: StudyAPI.defaultLimit),
                    "A page of trials and the total that pass the filters", APISchemas.trialPage),
                "/api/studies/{name}/trials/{number}": get("One trial with every metric's curve", [name, number], "Trial", APISchemas.trialDetail),
                "/api/studies/{name}/curves": get(
                    "Every trial's curve of a metric, downsampled keeping extremes",
                    [name, query("metric", "default: the study's objective", APISchemas.string),
                     query("points", "about this many points per curve (3 to 100000, default 300)", APISchemas.integer(3, 100_000))],
                    "Curves", APISchemas.curveSet),
                "/api/studies/{name}/live": get(
                    "What changed since a cursor: trials finished after it (each once; the curves and last reports of at most \(DrawnCurves.cap), the best; the others with empty points), every running trial with its curve so far, counts, best",
                    [name, query("cursor", "the cursor of the last answer or of the study page (default 0: from the start)", APISchemas.count)],
                    "The changes and the cursor to pass next", APISchemas.liveUpdate),
                "/api/studies/{name}/ask": post(
                    "Start a trial", [name], body(APISchemas.askBody), "The trial's number, parameters and seed", APISchemas.ask),
                "/api/studies/{name}/trials/{number}/report": post(
                    "Record values at a step; answers continue or prune", [name, number],
                    body(APISchemas.reportBody, required: true), "The decision", APISchemas.decision),
                "/api/studies/{name}/trials/{number}/tell": post(
                    "End a trial", [name, number], body(APISchemas.tellBody), "How the trial ended", APISchemas.end),
                "/api/studies/{name}/trials/{number}/heartbeat": post(
                    "Mark a running trial alive", [name, number], nil, "The trial's number", APISchemas.beat),
                "/api/studies/{name}/trials/{number}/should-prune": post(
                    "Ask the pruner without reporting", [name, number], nil, "The decision", APISchemas.decision),
                "/api/studies/{name}/enqueue": post(
                    "Queue a trial with fixed parameters (names and values the study's space takes, else 400)", [name],
                    body(APISchemas.enqueueBody, required: true), "The trial's number", APISchemas.enqueued),
                "/api/studies/{name}/checkpoints": get(
                    "Questions judges wait on (human:via=queue): the open ones, or all with open=false", [name, query("open", "only the unanswered ones of running trials (default true)", APISchemas.type("boolean"))],
                    "Questions, oldest first", APISchemas.checkpoints),
                "/api/studies/{name}/checkpoints/{id}/answer": post(
                    "Answer a waiting question: prune the trial or let it continue (409 when it was answered already)",
                    [name, parameter("id", in: "path", "the question's id", APISchemas.count, required: true)],
                    body(APISchemas.answerBody, required: true), "The question with its answer", APISchemas.checkpoint),
                "/api/studies/{name}/labels": .object([
                    "get": operation("Pairwise labels, in the order given", [name], nil, "Labels", APISchemas.labels, conflict: false),
                    "post": operation(
                        "Say which of two trials' curves is better", [name], body(APISchemas.labelBody, required: true),
                        "The label as stored", APISchemas.label, conflict: false),
                ]),
                "/api/studies/{name}/pair": get(
                    "The next two finished trials to label, first shown first (404 with fewer than two)",
                    [name, query("seed", "fixes the draw (default: a new one)", APISchemas.count)], "A pair", APISchemas.pair),
                "/api/studies/{name}/notes": .object([
                    "get": operation("The research log, oldest first", [name], nil, "Notes", APISchemas.notes, conflict: false),
                    "post": operation(
                        "Add a note to the study or a trial", [name], body(APISchemas.noteBody, required: true),
                        "Noted", APISchemas.noted, conflict: false),
                ]),
            ]),
        ])
    }

    private static let name = parameter("name", in: "path", "the study's name", APISchemas.string, required: true)
    private static let number = parameter("number", in: "path", "the trial's number", APISchemas.count, required: true)

    private static func query(_ key: String, _ description: String, _ type: String) -> JSONValue {
        query(key, description, APISchemas.type(type))
    }

    static func query(_ key: String, _ description: String, _ schema: JSONValue) -> JSONValue {
        parameter(key, in: "query", description, schema, required: false)
    }

    private static func parameter(_ key: String, in place: String, _ description: String, _ type: String, required: Bool) -> JSONValue {
        parameter(key, in: place, description, APISchemas.type(type), required: required)
    }

    private static func parameter(_ key: String, in place: String, _ description: String, _ schema: JSONValue, required: Bool) -> JSONValue {
        .object(["name": .string(key), "in": .string(place), "required": .bool(required), "description": .string(description),
                 "schema": schema])
    }

    /// A JSON body of `schema`.
    private static func body(_ schema: JSONValue, required: Bool = false) -> JSONValue {
        .object(["required": .bool(required), "content": .object(["application/json": .object(["schema": schema])])])
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

    private static func get(_ summary: String, _ parameters: [JSONValue], _ answer: String, _ schema: JSONValue = APISchemas.anyObject) -> JSONValue {
        .object(["get": operation(summary, parameters, nil, answer, schema, conflict: false)])
    }

    /// A write: it may find its trial finished (409).
    private static func post(
        _ summary: String, _ parameters: [JSONValue], _ body: JSONValue?, _ answer: String, _ schema: JSONValue = APISchemas.anyObject
    ) -> JSONValue {
        .object(["post": operation(summary, parameters, body, answer, schema, conflict: true)])
    }

    private static func operation(
        _ summary: String, _ parameters: [JSONValue], _ body: JSONValue?, _ answer: String, _ schema: JSONValue = APISchemas.anyObject,
        conflict: Bool
    ) -> JSONValue {
        let json = JSONValue.object(["application/json": .object(["schema": schema])])
        let error = JSONValue.object(["application/json": .object(["schema": APISchemas.error])])
        var responses: [String: JSONValue] = [
            "200": .object(["description": .string(answer), "content": json]),
            "400": .object(["description": .string("A bad parameter or body, named in the error"), "content": error]),
            "404": .object(["description": .string("No such study or trial"), "content": error]),
            "500": .object(["description": .string("The storage is damaged or newer than this server"), "content": error]),
            "503": .object(["description": .string("The storage is busy or out of reach: try again"), "content": error]),
        ]
        if conflict {
            responses["409"] = .object([
                "description": .string("The trial has finished or waits in the queue, or the study cannot do it now (nothing left to sample; no report to take a value from)"),
                "content": error,
            ])
        }
        if body != nil { responses["413"] = .object(["description": .string("The body is larger than 1 MiB"), "content": error]) }
        var op: [String: JSONValue] = ["summary": .string(summary), "parameters": .array(parameters), "responses": .object(responses)]
        if let body { op["requestBody"] = body }
        return .object(op)
    }
}
