// `quotedesk align FILE... --resource ID[,ID...] --unified-day D|last [--as-of TIME]
//                  [--format text|json|csv] [--place [--out NEW.json]]`
// The align-only action of seed 4.2.3 (设置统一到期日): each resource is renewed 1 month (products
// sold only in their own unit: their default duration) and extended to the first following unified
// expiry day; the extra days are priced per the profile's day_price. The JSON is RenewJson's with
// "align_only": true, i.e. what window.quotedesk.renew returns for the same arguments. Everything
// else (text, csv, --place, exit codes) is renew's: see cmd_renew.cpp.
#include <ostream>
#include <string>
#include <vector>

#include "command.h"
#include "common.h"

namespace qd::cli {
namespace {

int RunAlign(const std::vector<std::string>& argv, std::ostream& out, std::ostream& err)
{
    return RunRenewalCommand("align", true, argv, out, err);
}

}  // namespace

QD_COMMAND("align",
           "align FILE... --resource ID[,ID...] --unified-day D|last [--as-of TIME] [--format text|json|csv] "
           "[--place [--out NEW.json]]   set the unified expiry day (1 month + extra days)",
           RunAlign);

}  // namespace qd::cli
