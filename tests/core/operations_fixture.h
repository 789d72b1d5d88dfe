// operations_fixture.h: picking what an operation acts on in the sample, shared by the suites that walk
// every operation kind (test_workspace_history.cpp: undo and redo; test_workspace_patch.cpp: the
// journal's patches).
//
//   REQUIRE(qd::test::OnFirstAccepted(ws, qd::test::InUseMain, [&](Workspace& w, const std::string& id) {
//       return SetToOnDemand(w, {id}, now).ok();
//   }));
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/model/workspace.h"

namespace qd::test {

// A main resource in use (not a bound or mounted one).
inline bool InUseMain(const Resource& r) { return !r.main_resource_id && r.status == ResourceStatus::InUse; }

// Applies `op` to the workspace's resources that `pick` accepts, one after the other, until one is not
// refused (operations are atomic: a refused one changed nothing); false when every one was refused.
inline bool OnFirstAccepted(Workspace& ws, const std::function<bool(const Resource&)>& pick,
                            const std::function<bool(Workspace&, const std::string&)>& op)
{
    std::vector<std::string> ids;
    for (const Resource& r : ws.resources)
        if (pick(r)) ids.push_back(r.resource_id);
    for (const std::string& id : ids)
        if (op(ws, id)) return true;
    return false;
}

}  // namespace qd::test
