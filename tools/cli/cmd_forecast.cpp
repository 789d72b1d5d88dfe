// `quotedesk forecast FILE... [--months 12] [--as-of TIME] [--format text|json|csv]`: what auto-renew
// will charge over the coming months (core/engine/forecast.h; docs/rules.md §8, docs/cli.md).
//
//   --months N     local calendar months from the month of the as-of time, 1..120 (default 12)
//   --format text  a table per month (charges, amount), then every charge (time, resource, duration,
//                  amount, new expiry, count left, balance after), then the cash balance and the first
//                  charge it does not cover, and the charges that would be refused.
//   --format json  ForecastJson (the same answer the UI's overview draws).
//   --format csv   UTF-8 with BOM, Chinese headers, one row per charge and a 合计 row.
// Exit 0 (also when charges would be refused: they are listed); 1 bad file; 2 bad usage.
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"
#include "core/engine/forecast.h"
#include "core/model/csv.h"
#include "core/model/labels.h"

namespace qd::cli {
namespace {

std::string TimesLeft(const std::optional<std::uint8_t>& t)
{
    return t ? std::to_string(*t) : std::string("unlimited");
}

void PrintText(const Workspace& ws, const Forecast& f, std::ostream& out)
{
    out << "Auto-renew forecast as of " << ConsoleTime(f.as_of, ws) << ": " << f.months.size() << " months, "
        << f.months.front().label() << " to " << f.months.back().label() << "\n\n";
    TextTable months({{"month"}, {"charges", true}, {"amount", true}});
    std::size_t count = 0;
    for (const ForecastMonth& m : f.months) {
        months.AddRow({m.label(), std::to_string(m.count), m.total.display()});
        count += m.count;
    }
    months.AddRule();
    months.AddRow({"total", std::to_string(count), f.total.display()});
    months.Print(out);

    if (!f.charges.empty()) {
        out << "\n";
        TextTable charges({{"time"},
                           {"resource"},
                           {"name"},
                           {"duration"},
                           {"amount", true},
                           {"new expiry"},
                           {"times left", true},
                           {"balance after", true}});
        for (const ForecastCharge& c : f.charges) {
            std::string time = ConsoleTime(c.at, ws);
            if (c.late) time += " (late: due " + ConsoleTime(c.deduction_time, ws) + ")";
            const ChargedInstance main = ChargedInstanceOf(ws, c);
            charges.AddRow({time, std::string(main.resource_id), std::string(main.resource_name), c.duration.str(),
                            c.amount.display(), ConsoleTime(c.new_expire_time, ws), TimesLeft(c.times_left),
                            c.has_balance ? c.balance.display() : "-"});
        }
        charges.Print(out);
    }

    out << "\n";
    if (!f.cash_balance) {
        out << "cash balance: not in the file\n";
    } else if (f.first_short) {
        const ForecastCharge& c = f.charges[*f.first_short];
        out << "cash balance " << f.cash_balance->display() << ": not enough from " << ConsoleTime(c.at, ws) << " ("
            << ChargedInstanceOf(ws, c).resource_id << ", " << c.amount.display() << "); top up before then\n";
    } else {
        out << "cash balance " << f.cash_balance->display() << ": covers every charge\n";
    }
    if (!f.failures.empty()) {
        out << "\nnot forecast (would be refused):\n";
        for (const Refusal& r : f.failures) out << "  " << r.code << ": " << r.message << "\n";
    }
}

void PrintCsv(const Workspace& ws, const Forecast& f, std::ostream& out)
{
    CsvWriter csv;
    csv.row({"扣款时间", "资源ID", "资源名称", "产品", "续费时长", "金额(元)", "续费后到期时间", "剩余自动续费次数",
             "扣款后余额(元)"});
    for (const ForecastCharge& c : f.charges) {
        const ChargedInstance main = ChargedInstanceOf(ws, c);
        csv.time(c.at, ws.rules.zone);
        csv.cell(main.resource_id);
        csv.cell(main.resource_name);
        csv.cell(main.service_type_name);
        csv.cell(DurationLabel(c.duration.unit, c.duration.num, LabelLanguage::Chinese));
        csv.money(c.amount);
        csv.time(c.new_expire_time, ws.rules.zone);
        csv.cell(c.times_left ? std::to_string(*c.times_left) : "不限");
        csv.money(c.balanceAfter());
        csv.endRow();
    }
    csv.row({"合计", "", "", "", "", f.total.str(), "", "", ""});
    out << csv.take();
}

int RunForecast(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    constexpr std::string_view kCommand = "forecast";
    Args args;
    if (!ParseCommandLine(kCommand, argv, {"months", "as-of", "format"}, {}, args, err)) return ExitBadUsage;
    std::string error;
    Format format = Format::Text;
    if (!ParseFormat(args, {Format::Text, Format::Json, Format::Csv}, format, error))
        return BadUsage(kCommand, error, err);
    int64_t months = kDefaultForecastMonths;
    if (args.has("months") && !ParseWholeNumber(args.get("months"), 1, kMaxForecastMonths, months))
        return BadUsage(
            kCommand,
            "--months expects a whole number 1.." + std::to_string(kMaxForecastMonths) + ", got " + args.get("months"),
            err);

    Workspace ws;
    if (int e = LoadInputs(args.files, ws, err)) return e;
    Instant now;
    if (!ResolveAsOf(args, ws, now, error)) return BadUsage(kCommand, error, err);

    const Forecast f = ForecastAutoRenewals(ws, now, static_cast<int>(months));
    if (format == Format::Json) out << ForecastJson(f, ws) << "\n";
    else if (format == Format::Csv) PrintCsv(ws, f, out);
    else PrintText(ws, f, out);
    return ExitDone;
}

}  // namespace

QD_COMMAND(
    "forecast",
    "forecast FILE... [--months 12] [--as-of TIME] [--format text|json|csv]   auto-renew charges of the coming months",
    RunForecast);

}  // namespace qd::cli
