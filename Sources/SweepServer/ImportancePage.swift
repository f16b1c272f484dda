import Hummingbird
import SweepCore
import SweepImportance

/// `/studies/NAME/importance?evaluator=ped-anova|fanova&seed=S`: which hyperparameters mattered,
/// as `sweep importance` says it, drawn as bars. Reads the complete trials without their curves.
struct ImportancePage: Sendable {
    let storage: any Storage

    func add(to router: Router<BasicRequestContext>) {
        router.get("/studies/:name/importance") { request, context in
            try await ErrorPage.answering { try await render(try studyName(context), request) }
        }
    }

    func render(_ name: String, _ request: Request) async throws -> Response {
        let text = request.uri.queryParameters["evaluator"].map(String.init) ?? ImportanceMethod.pedAnova.rawValue
        guard let method = ImportanceMethod(rawValue: text) else {
            throw ServerError(.badRequest, "query parameter evaluator must be ped-anova or fanova, got '\(text)'")
        }
        let seed = UInt64(try queryInt(request, "seed", in: 0...APISchemas.exactInteger) ?? 0)
        let record = try await answering { try await storage.study(named: name) }
        let trials = try await answering { try await storage.trials(study: record.id, states: [.complete], curves: .only([])) }
        let result: ParamImportances
        do {
            result = try ParamImportances.evaluate(trials, direction: record.config.direction, method: method, seed: seed)
        } catch {
            throw ServerError(.notFound, "no parameter importance for study '\(name)' yet: \(error)")
        }
        let other = method == .pedAnova ? ImportanceMethod.fanova : .pedAnova
        let body = """
            \(JudgePages.breadcrumb(name))
            <h1>Parameter importance</h1>
            <p class="muted">\(escaped(method.rawValue)) on \(result.trials) complete trials of \(escaped(record.config.objective))\
            \(method == .fanova ? " (forest seed \(seed))" : ""); the shares sum to 1, as Optuna's
            <code>get_param_importances</code> gives them. <a href="importance?evaluator=\(other.rawValue)">\(other.rawValue)</a></p>
            \(Self.bars(result.params))
            """
        return Responses.html(page(title: "\(name) · importance", body: body))
    }

    /// One horizontal bar per parameter, most important first, its share written beside it.
    static func bars(_ params: [ParamImportance]) -> String {
        let row = 26.0, labelWidth = 180.0, barWidth = 560.0
        let height = Int(row * Double(params.count) + 8)
        var svg = "<svg id=\"importance\" width=\"\(Int(labelWidth + barWidth + 80))\" height=\"\(height)\" role=\"img\" aria-label=\"parameter importance\">"
        for (i, p) in params.enumerated() {
            let y = 4 + row * Double(i)
            let width = max(1, (barWidth * min(max(p.importance, 0), 1)).rounded())
            svg += "<text x=\"\(Int(labelWidth - 8))\" y=\"\(Int(y + 17))\" text-anchor=\"end\" font-size=\"13\">\(escaped(p.name))</text>"
                + "<rect data-param=\"\(escaped(p.name))\" x=\"\(Int(labelWidth))\" y=\"\(Int(y + 4))\" width=\"\(Int(width))\" height=\"\(Int(row - 8))\" fill=\"#1a5fb4\"><title>\(escaped(p.name)): \(formatNumber(p.importance, significantDigits: 4))</title></rect>"
                + "<text x=\"\(Int(labelWidth + width + 6))\" y=\"\(Int(y + 17))\" font-size=\"13\">\(formatNumber(p.importance, significantDigits: 3))</text>"
        }
        return svg + "</svg>"
    }
}
