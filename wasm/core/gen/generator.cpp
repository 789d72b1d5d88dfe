// generator.cpp: see generator.h. Three steps:
//   1. Plan (one stream): the purchase groups (kind, products, term unit, timeline), how the order
//      budget splits into purchases, renewals, unsubscriptions, pending / combined / cancelled orders,
//      and each group's first order serial. ~30 bytes per group.
//   2. Resources: each group is built from its own stream and its resources are written.
//   3. Orders: each group is built again (same stream, same result) and its orders are written,
//      then the combined trade orders and the orders that belong to no resource.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] randomness: splitmix64 (Steele, Lea, Flood 2014), the same on every platform
//   [SECTION] the product catalogue
//   [SECTION] the plan
//   [SECTION] ids and names
//   [SECTION] one group, built
//   [SECTION] writing
#include "core/gen/generator.h"

#include <algorithm>
#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model/json_writer.h"
#include "core/model/money.h"
#include "core/model/rules.h"
#include "core/model/workspace.h"  // the enumerations and their file names

namespace qd {
namespace {

constexpr ZoneOffset kZone = ZoneOffset::China();
constexpr int64_t kHour = 3600;
constexpr int64_t kDay = 86400;

// [SECTION] randomness: splitmix64 (Steele, Lea, Flood 2014), the same on every platform

// splitmix64's finaliser; a bijection on 64-bit values (used to derive unique ids).
constexpr uint64_t Mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

class Rng {
public:
    explicit Rng(uint64_t seed) : state_(seed) {}
    uint64_t next() { return Mix64(state_ += 0x9E3779B97F4A7C15ULL); }
    int64_t below(int64_t n) { return n <= 0 ? 0 : static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }  // 0..n-1
    int64_t between(int64_t lo, int64_t hi) { return hi <= lo ? lo : lo + below(hi - lo + 1); }                // lo..hi
    bool chance(int perTenThousand) { return below(10000) < perTenThousand; }
    template <std::size_t N>
    std::size_t pick(const std::array<int, N>& weights)
    {  // index i with probability weights[i] / sum
        int total = 0;
        for (int w : weights) total += w;
        int64_t r = below(total);
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i]) return i;
            r -= weights[i];
        }
        return 0;
    }
    template <class T, std::size_t N>
    const T& element(const std::array<T, N>& items)
    {
        return items[static_cast<std::size_t>(below(N))];
    }

private:
    uint64_t state_;
};

// Independent streams: one per purpose and index, so a group can be rebuilt alone.
enum class Stream : uint64_t { Plan = 1, Group = 2, Parent = 3, Loose = 4, Name = 5, Extras = 6 };
Rng StreamRng(uint64_t seed, Stream s, uint64_t index)
{
    return Rng(Mix64(Mix64(seed ^ (static_cast<uint64_t>(s) << 56)) + index));
}

// [SECTION] the product catalogue

enum class Family : uint8_t { Ecs, SystemDisk, DataDisk, Eip, Bandwidth, Rds, ObsPackage, CdnPackage, Image };
constexpr std::size_t kFamilies = 9;

struct CatalogueProduct {
    Family family;
    std::string product_id;
    std::string_view service_type_code, service_type_name, resource_type_code;
    std::string spec_desc;
    std::string_view region;
    int64_t month_fen;  // 0: not sold by the month
    int64_t year_fen;   // 0: not sold by the year
    bool delisted;
    int weight;             // popularity inside its family and region
    std::string_view nick;  // images: the stem of their resources' names ("LNMP镜像")
};

struct Region {
    std::string_view code;
    int weight;
};
constexpr std::array<Region, 4> kRegions{
    {{"cn-north-4", 50}, {"cn-east-3", 25}, {"cn-south-1", 15}, {"cn-southwest-2", 10}}};
constexpr std::string_view kCdnRegion = "cn-north-1";  // CDN packages are not regional; BSS files them under cn-north-1

struct Catalogue {
    std::vector<CatalogueProduct> products;
    // [family][region] -> products; region 4 = CDN
    std::array<std::array<std::vector<uint16_t>, kRegions.size() + 1>, kFamilies> index;
};

const Catalogue& TheCatalogue()
{
    static const Catalogue catalogue = [] {
        Catalogue c;
        auto add = [&c](Family f, std::size_t region, std::string id, std::string_view stc, std::string_view stn,
                        std::string_view rtc, std::string spec, int64_t month, int64_t year, bool delisted, int weight,
                        std::string_view nick = {}) {
            std::string_view code = region < kRegions.size() ? kRegions[region].code : kCdnRegion;
            c.index[static_cast<std::size_t>(f)][region].push_back(static_cast<uint16_t>(c.products.size()));
            c.products.push_back({f, std::move(id) + "-" + std::string(code), stc, stn, rtc, std::move(spec), code,
                                  month, year, delisted, weight, nick});
        };
        struct Vm {
            std::string_view spec;
            int cpu, mem;
            int64_t month;
            bool delisted;
            int weight;
        };
        constexpr std::array<Vm, 11> vms{{{"s6.small.1", 1, 1, 3800, false, 6},
                                          {"s6.medium.2", 1, 2, 7280, false, 10},
                                          {"s6.large.2", 2, 4, 19140, false, 25},
                                          {"s6.xlarge.2", 4, 8, 38280, false, 15},
                                          {"s6.2xlarge.2", 8, 16, 76560, false, 6},
                                          {"c7.large.2", 2, 4, 21500, false, 10},
                                          {"c7.xlarge.2", 4, 8, 43000, false, 8},
                                          {"c7.2xlarge.4", 8, 32, 106800, false, 4},
                                          {"m6.large.8", 2, 16, 40250, false, 4},
                                          {"s3.large.2", 2, 4, 18000, true, 4},
                                          {"c3.large.2", 2, 4, 21000, true, 3}}};
        struct Disk {
            std::string_view id, type;
            int gb;
            int64_t fenPerGb;
            bool delisted;
            int weight;
        };
        constexpr std::array<Disk, 3> systemDisks{{{"sas-40", "高IO", 40, 35, false, 3},
                                                   {"ssd-40", "通用型SSD", 40, 70, false, 6},
                                                   {"ssd-60", "通用型SSD", 60, 70, false, 2}}};
        constexpr std::array<Disk, 12> dataDisks{{{"sas-100", "高IO", 100, 35, false, 6},
                                                  {"sas-200", "高IO", 200, 35, false, 5},
                                                  {"sas-500", "高IO", 500, 35, false, 4},
                                                  {"sas-1024", "高IO", 1024, 35, false, 2},
                                                  {"ssd-100", "通用型SSD", 100, 70, false, 8},
                                                  {"ssd-200", "通用型SSD", 200, 70, false, 5},
                                                  {"ssd-500", "通用型SSD", 500, 70, false, 3},
                                                  {"ssd-1024", "通用型SSD", 1024, 70, false, 2},
                                                  {"essd-100", "超高IO", 100, 100, false, 2},
                                                  {"essd-500", "超高IO", 500, 100, false, 1},
                                                  {"sata-100", "普通IO", 100, 20, true, 2},
                                                  {"sata-500", "普通IO", 500, 20, true, 1}}};
        struct Db {
            std::string_view id, spec;
            int64_t month;
            int weight;
        };
        constexpr std::array<Db, 5> databases{
            {{"mysql8-single", "MySQL 8.0 | 单机 | rds.mysql.n1.large.2 | 2vCPUs | 4GB", 34000, 4},
             {"mysql8-ha", "MySQL 8.0 | 主备 | rds.mysql.n1.large.2.ha | 2vCPUs | 4GB", 65800, 8},
             {"mysql57-ha-xl", "MySQL 5.7 | 主备 | rds.mysql.n1.xlarge.2.ha | 4vCPUs | 8GB", 131600, 3},
             {"pg14-ha", "PostgreSQL 14 | 主备 | rds.pg.n1.large.2.ha | 2vCPUs | 4GB", 70200, 3},
             {"sqlserver2019-se", "SQL Server 2019 标准版 | 单机 | rds.mssql.se.c6.large.4 | 2vCPUs | 8GB", 195000,
              1}}};
        struct Pack {
            std::string_view id, spec;
            int64_t price;
            int weight;
            std::string_view nick = {};
        };
        constexpr std::array<Pack, 5> obsPacks{{{"std-100g", "标准存储包 | 单AZ | 100GB", 900, 3},
                                                {"std-500g", "标准存储包 | 单AZ | 500GB", 4500, 4},
                                                {"std-1t", "标准存储包 | 单AZ | 1TB", 9900, 5},
                                                {"std-5t", "标准存储包 | 单AZ | 5TB", 45900, 2},
                                                {"std-10t", "标准存储包 | 单AZ | 10TB", 89900, 1}}};
        constexpr std::array<Pack, 5> cdnPacks{{{"cn-500g", "流量包 | 中国大陆 | 500GB", 6500, 3},
                                                {"cn-1t", "流量包 | 中国大陆 | 1TB", 12600, 5},
                                                {"cn-5t", "流量包 | 中国大陆 | 5TB", 58500, 3},
                                                {"cn-10t", "流量包 | 中国大陆 | 10TB", 114000, 2},
                                                {"cn-50t", "流量包 | 中国大陆 | 50TB", 540000, 1}}};
        constexpr std::array<Pack, 6> images{
            {{"lnmp", "LNMP运行环境（CentOS 7.6 64位）| 基础版", 3000, 4, "LNMP镜像"},
             {"java", "Java环境（JDK8 + Tomcat9）| 标准版", 4500, 3, "Java环境"},
             {"wordpress", "WordPress建站环境 | 标准版", 2500, 2, "WordPress"},
             {"docker", "Docker容器运行环境（Ubuntu 22.04）", 2000, 3, "Docker环境"},
             {"winsrv", "Windows Server 2019 数据中心版 中文 | 镜像", 9800, 2, "WinServer"},
             {"gis", "地理信息平台GIS Server | 政务版", 58000, 1, "GIS平台"}}};
        constexpr std::array<int, 7> bandwidths{1, 2, 5, 10, 20, 50, 100};

        for (std::size_t r = 0; r < kRegions.size(); ++r) {
            for (const Vm& v : vms)
                add(Family::Ecs, r, "p-ecs-" + std::string(v.spec), "hws.service.type.ec2", "弹性云服务器",
                    "hws.resource.type.vm",
                    std::string(v.spec) + " | " + std::to_string(v.cpu) + "vCPUs | " + std::to_string(v.mem) +
                        "GiB | linux",
                    v.month, v.month * 102 / 10, v.delisted, v.weight);
            for (const Disk& d : systemDisks)
                add(Family::SystemDisk, r, "p-evs-sys-" + std::string(d.id), "hws.service.type.ebs", "云硬盘",
                    "hws.resource.type.volume", std::string(d.type) + " | " + std::to_string(d.gb) + "GB",
                    d.gb * d.fenPerGb, d.gb * d.fenPerGb * 10, d.delisted, d.weight);
            for (const Disk& d : dataDisks)
                add(Family::DataDisk, r, "p-evs-data-" + std::string(d.id), "hws.service.type.ebs", "云硬盘",
                    "hws.resource.type.volume", std::string(d.type) + " | " + std::to_string(d.gb) + "GB",
                    d.gb * d.fenPerGb, d.gb * d.fenPerGb * 10, d.delisted, d.weight);
            add(Family::Eip, r, "p-eip-5_bgp", "hws.service.type.vpc", "弹性公网IP", "hws.resource.type.ip",
                "全动态BGP | 独享", 2000, 20400, false, 4);
            add(Family::Eip, r, "p-eip-5_sbgp", "hws.service.type.vpc", "弹性公网IP", "hws.resource.type.ip",
                "静态BGP | 独享", 1500, 15300, false, 1);
            for (int mbit : bandwidths) {
                int64_t month = mbit <= 5 ? mbit * 2300 : 11500 + (mbit - 5) * 8000;
                add(Family::Bandwidth, r, "p-bw-" + std::to_string(mbit) + "m", "hws.service.type.vpc", "带宽",
                    "hws.resource.type.bandwidth", "独享带宽 | " + std::to_string(mbit) + "Mbit/s | 按带宽计费", month,
                    month * 102 / 10, false, mbit <= 10 ? 4 : 1);
            }
            for (const Db& d : databases)
                add(Family::Rds, r, "p-rds-" + std::string(d.id), "hws.service.type.rds", "云数据库 RDS",
                    "hws.resource.type.rds.vm", std::string(d.spec), d.month, d.month * 10, false, d.weight);
            for (const Pack& p : obsPacks)
                add(Family::ObsPackage, r, "p-obs-" + std::string(p.id), "hws.service.type.obs", "对象存储服务",
                    "hws.resource.type.obs.package", std::string(p.spec), p.price, 0, false, p.weight);
            for (const Pack& p : images)
                add(Family::Image, r, "p-mkp-" + std::string(p.id), "hws.service.type.marketplace", "云商店",
                    "hws.resource.type.marketplace.image", std::string(p.spec), p.price, p.price * 10, false, p.weight,
                    p.nick);
        }
        for (const Pack& p : cdnPacks)
            add(Family::CdnPackage, kRegions.size(), "p-cdn-" + std::string(p.id), "hws.service.type.cdn",
                "内容分发网络", "hws.resource.type.cdn.package", std::string(p.spec), 0, p.price, false, p.weight);
        return c;
    }();
    return catalogue;
}

uint16_t PickProduct(Rng& rng, Family f, std::size_t region)
{
    const std::vector<uint16_t>& list = TheCatalogue().index[static_cast<std::size_t>(f)][region];
    int total = 0;
    for (uint16_t p : list) total += TheCatalogue().products[p].weight;
    int64_t r = rng.below(total);
    for (uint16_t p : list) {
        if (r < TheCatalogue().products[p].weight) return p;
        r -= TheCatalogue().products[p].weight;
    }
    return list.front();
}

std::size_t RegionOf(uint16_t product)
{
    std::string_view code = TheCatalogue().products[product].region;
    for (std::size_t r = 0; r < kRegions.size(); ++r)
        if (kRegions[r].code == code) return r;
    return kRegions.size();
}

// [SECTION] the plan

// A purchase group: what one new order buys (a main resource and its bound attached resource).
enum class Kind : uint8_t { Server, DataDisk, Ip, Database, Disk, ObjectPackage, TrafficPackage, Image };
constexpr std::array<int, 8> kKindWeights{30, 14, 12, 8, 10, 8, 6, 12};  // per Kind, in order
constexpr int MembersOf(Kind k) { return k == Kind::Server || k == Kind::Ip ? 2 : 1; }

// Where the group's current period stands at as_of.
enum class Timeline : uint8_t {
    Normal,           // in use, current period contains as_of, expiry in 8+ days
    ExpiringSoon,     // in use, expires within 7 days
    Grace,            // expired 1-14 days ago (status expired)
    FrozenArrears,    // in use but frozen: 欠费冻结
    FrozenViolation,  // 违规冻结
    FrozenPolice,     // 公安冻结
    FutureRenewal,    // the last period is a paid renewal not yet in effect
    FiveDay,          // bought within the five-day window, one period
    Failed,           // provisioning failed: a processing new order, one period
};
constexpr std::array<int, 9> kTimelineWeights{780, 60, 45, 20, 7, 8, 50, 20, 10};  // per Timeline, in order (sum 1000)

// What the group adds to the order list besides its purchase and renewals.
enum class Category : uint8_t { None, Closed, Pending, CombinedSub };

struct GroupPlan {
    Kind kind = Kind::Disk;
    Timeline timeline = Timeline::Normal;
    Category category = Category::None;
    TermUnit unit = TermUnit::Month;
    bool newExported = true;  // the purchase order is in the export
    uint8_t cancelled = 0;    // cancelled renewal orders
    uint16_t renewals = 0;    // completed renewal periods (each with its order)
    uint16_t product = 0;     // main product
    uint16_t attached = 0;    // bound attached product (Server: system disk, Ip: bandwidth)
    uint32_t main = 0;        // DataDisk: the Server group it is mounted on
    uint32_t parent = 0;      // CombinedSub: its combined trade order (0-based)
    uint32_t firstOrder = 0;  // serial of the group's first order (of its purchase when that is not exported)
};

struct Plan {
    std::vector<GroupPlan> groups;
    int64_t parents = 0;            // combined trade orders
    std::vector<uint32_t> lastSub;  // per parent: the group of its last sub-order (the parent is written after it)
    int64_t parentSerial = 0;       // serial of parent 0
    int64_t reviews = 0, confirmations = 0, cancelledNew = 0;  // orders for no resource
    int64_t looseSerial = 0;                                   // serial of the first of those
};

bool IsPackage(Kind k) { return k == Kind::ObjectPackage || k == Kind::TrafficPackage; }
bool HasRenewalRoom(Timeline t) { return t != Timeline::FiveDay && t != Timeline::Failed; }

// Spreads `budget` over the groups, group i taking at most cap(i), proportionally to the caps with
// some jitter; exact unless the caps are too small, then the rest is returned.
template <class Cap, class Add>
int64_t Spread(Rng& rng, std::size_t n, int64_t budget, Cap cap, Add add)
{
    int64_t room = 0;
    for (std::size_t i = 0; i < n; ++i) room += cap(i);
    for (std::size_t i = 0; i < n && budget > 0; ++i) {
        const int64_t c = cap(i);
        if (c == 0) continue;
        const int64_t share = budget * c / room;
        const int64_t jitter = 50 + rng.below(101);  // 50..150 %
        // (separate statements: the draws' order is fixed)
        const int64_t roundUp = rng.below(room) < budget * c % room ? 1 : 0;
        int64_t take = share * jitter / 100 + roundUp;
        const int64_t most = std::min(c, budget);                                         // this group's room
        const int64_t least = std::min(most, std::max<int64_t>(0, budget - (room - c)));  // what the rest cannot take
        take = std::clamp(take, least, most);
        add(i, take);
        budget -= take;
        room -= c;
    }
    return budget;
}

// The purchase groups, until exactly `resources` resources: kind, products, term unit, timeline.
void PlanGroups(Rng& rng, int64_t resources, std::vector<GroupPlan>& groups)
{
    // Groups until exactly `resources` resources.
    int64_t left = resources;
    int64_t lastServer = -1;
    while (left > 0) {
        GroupPlan g;
        g.kind = static_cast<Kind>(rng.pick(kKindWeights));
        if (MembersOf(g.kind) > left) g.kind = rng.chance(5000) ? Kind::Disk : Kind::Database;
        if (g.kind == Kind::DataDisk && lastServer < 0) g.kind = Kind::Disk;
        std::array<int, kRegions.size()> regionWeights{};
        for (std::size_t r = 0; r < kRegions.size(); ++r) regionWeights[r] = kRegions[r].weight;
        std::size_t region = rng.pick(regionWeights);
        switch (g.kind) {
            case Kind::Server:
                g.product = PickProduct(rng, Family::Ecs, region);
                g.attached = PickProduct(rng, Family::SystemDisk, region);
                break;
            case Kind::DataDisk:
                g.main = static_cast<uint32_t>(lastServer);
                g.product = PickProduct(rng, Family::DataDisk, RegionOf(groups[g.main].product));
                break;
            case Kind::Ip:
                g.product = PickProduct(rng, Family::Eip, region);
                g.attached = PickProduct(rng, Family::Bandwidth, region);
                break;
            case Kind::Database: g.product = PickProduct(rng, Family::Rds, region); break;
            case Kind::Disk: g.product = PickProduct(rng, Family::DataDisk, region); break;
            case Kind::ObjectPackage: g.product = PickProduct(rng, Family::ObsPackage, region); break;
            case Kind::TrafficPackage: g.product = PickProduct(rng, Family::CdnPackage, kRegions.size()); break;
            case Kind::Image: g.product = PickProduct(rng, Family::Image, region); break;
        }
        if (g.kind == Kind::ObjectPackage) g.unit = TermUnit::Month;
        else if (g.kind == Kind::TrafficPackage) g.unit = TermUnit::Year;
        else g.unit = rng.chance(g.kind == Kind::Image ? 3000 : 4000) ? TermUnit::Year : TermUnit::Month;
        g.timeline = static_cast<Timeline>(rng.pick(kTimelineWeights));
        const bool canFail =
            g.kind == Kind::Server || g.kind == Kind::Database || g.kind == Kind::Disk || g.kind == Kind::DataDisk;
        if (g.timeline == Timeline::Failed && !canFail) g.timeline = Timeline::Normal;
        // data disks mount on it
        if (g.kind == Kind::Server && g.timeline != Timeline::Failed) lastServer = static_cast<int64_t>(groups.size());
        groups.push_back(g);
        left -= MembersOf(g.kind);
    }
}

// How many completed renewals each group has (or, with fewer orders than groups, which purchases are
// exported); returns how many orders are left for the other kinds.
int64_t PlanRenewals(Rng& rng, int64_t orders, std::vector<GroupPlan>& groups)
{
    const int64_t nGroups = static_cast<int64_t>(groups.size());

    int64_t misc = 0;  // orders besides purchases and completed renewals
    if (orders >= nGroups && nGroups > 0) {
        // Every purchase is exported; the rest is ~85% renewals, ~15% (at least 12) other orders.
        const int64_t extra = orders - nGroups;
        misc = std::min(extra, std::max<int64_t>(12, (orders * 15 + 99) / 100));
        int64_t renewals = extra - misc;
        for (GroupPlan& g : groups)
            if (g.timeline == Timeline::FutureRenewal) {
                if (renewals > 0) {
                    g.renewals = 1;
                    --renewals;
                } else g.timeline = Timeline::Normal;
            }
        auto cap = [&groups](std::size_t i) -> int64_t {
            const GroupPlan& g = groups[i];
            if (!HasRenewalRoom(g.timeline)) return 0;
            return (g.unit == TermUnit::Month ? 24 : 3) - g.renewals;
        };
        misc += Spread(rng, groups.size(), renewals, cap, [&groups](std::size_t i, int64_t n) {
            groups[i].renewals = static_cast<uint16_t>(groups[i].renewals + n);
        });
    } else {
        // Fewer orders than purchases: only `orders` purchase orders are in the export.
        int64_t want = std::min(orders, nGroups);
        for (int64_t i = 0; i < nGroups; ++i) {
            GroupPlan& g = groups[static_cast<std::size_t>(i)];
            g.newExported = rng.below(nGroups - i) < want;
            if (g.newExported) --want;
            if (g.timeline == Timeline::FutureRenewal) g.timeline = Timeline::Normal;
        }
        misc = orders - std::min(orders, nGroups);  // only when there are no groups at all
    }

    return misc;
}

// The other `misc` orders: unsubscriptions (closed groups), pending renewals, combined trade orders with
// their sub-orders, pending review / confirmation purchases, cancelled orders.
void PlanOtherOrders(Rng& rng, int64_t misc, Plan& plan)
{
    std::vector<GroupPlan>& groups = plan.groups;
    // From 12 such orders on, each kind appears at least once (a combined order needs 3).
    const bool each = misc >= 12;
    int64_t closed = std::max<int64_t>(each, misc * 12 / 100), pending = std::max<int64_t>(each, misc * 22 / 100);
    const int64_t combined = std::max<int64_t>(each ? 3 : 0, misc * 22 / 100);
    plan.reviews = std::max<int64_t>(each, misc * 7 / 100);
    plan.confirmations = std::max<int64_t>(each, misc * 7 / 100);
    auto closable = [](const GroupPlan& g) {
        return (g.timeline == Timeline::Normal || g.timeline == Timeline::ExpiringSoon) && !IsPackage(g.kind);
    };
    auto payable = [](const GroupPlan& g) {  // may get a pending renewal
        return g.category == Category::None && g.timeline != Timeline::FiveDay && g.timeline != Timeline::Failed &&
               g.timeline != Timeline::FrozenPolice && g.timeline != Timeline::FrozenViolation &&
               g.timeline != Timeline::FutureRenewal && !TheCatalogue().products[g.product].delisted;
    };
    int64_t eligible = 0;
    for (const GroupPlan& g : groups) eligible += closable(g) ? 1 : 0;
    closed = std::min(closed, eligible);
    for (GroupPlan& g : groups) {
        if (!closable(g)) continue;
        if (rng.below(eligible--) < closed) {
            g.category = Category::Closed;
            --closed;
        }
    }
    closed = 0;
    for (const GroupPlan& g : groups) closed += g.category == Category::Closed ? 1 : 0;

    eligible = 0;
    for (const GroupPlan& g : groups) eligible += payable(g) ? 1 : 0;
    pending = std::min(pending, eligible);
    plan.parents = combined >= 3 ? std::max<int64_t>(1, combined / 4) : 0;  // ~3 sub-orders each
    int64_t subs = std::min(combined - plan.parents, eligible - pending);
    plan.parents = std::min(plan.parents, subs / 2);
    if (plan.parents == 0) subs = 0;
    const int64_t totalSubs = subs;
    plan.lastSub.assign(static_cast<std::size_t>(plan.parents), 0);
    for (std::size_t i = 0; i < groups.size(); ++i) {
        GroupPlan& g = groups[i];
        if (!payable(g)) continue;
        const int64_t r = rng.below(eligible--);
        if (r < pending) {
            g.category = Category::Pending;
            --pending;
        } else if (r < pending + subs) {
            g.category = Category::CombinedSub;
            g.parent = static_cast<uint32_t>((totalSubs - subs) * plan.parents / totalSubs);
            plan.lastSub[g.parent] = static_cast<uint32_t>(i);
            --subs;
        }
    }
    int64_t pendingDone = 0;
    for (const GroupPlan& g : groups)
        pendingDone += g.category == Category::Pending || g.category == Category::CombinedSub ? 1 : 0;

    int64_t cancelled = misc - closed - pendingDone - plan.parents - plan.reviews - plan.confirmations;
    plan.cancelledNew = Spread(
        rng, groups.size(), cancelled,
        [&groups](std::size_t i) -> int64_t { return HasRenewalRoom(groups[i].timeline) ? 3 : 0; },
        [&groups](std::size_t i, int64_t n) { groups[i].cancelled = static_cast<uint8_t>(n); });
}

// Order serials: each group's orders, then the combined trade orders, then the loose ones (together
// exactly `orders`), then the purchases left out of the export (their ids must not meet exported ones).
void PlanSerials(int64_t orders, Plan& plan)
{
    std::vector<GroupPlan>& groups = plan.groups;
    int64_t serial = 0;
    for (GroupPlan& g : groups) {
        if (!g.newExported) continue;
        g.firstOrder = static_cast<uint32_t>(serial);
        serial += 1 + g.renewals + g.cancelled + (g.category != Category::None ? 1 : 0);
    }
    plan.parentSerial = serial;
    plan.looseSerial = serial + plan.parents;
    serial = orders;
    for (GroupPlan& g : groups)
        if (!g.newExported) g.firstOrder = static_cast<uint32_t>(serial++);
}

Plan MakePlan(int64_t resources, int64_t orders, uint64_t seed)
{
    Plan plan;
    Rng rng = StreamRng(seed, Stream::Plan, 0);
    PlanGroups(rng, resources, plan.groups);
    const int64_t misc = PlanRenewals(rng, orders, plan.groups);
    PlanOtherOrders(rng, misc, plan);
    PlanSerials(orders, plan);
    return plan;
}

// [SECTION] ids and names

constexpr char kHex[] = "0123456789abcdef";

// A version-4 style UUID whose 64 bits of `unique` fill hex digits 13-15, 17-19 and 20-29, so
// distinct `unique` values give distinct ids; the other digits come from `noise`.
std::string UuidFor(uint64_t unique, uint64_t noise)
{
    std::string hex(32, '0');
    for (int i = 0; i < 32; ++i) hex[static_cast<std::size_t>(i)] = kHex[(noise >> ((i * 2) % 60)) & 0xF];
    const std::array<int, 16> slots{13, 14, 15, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29};
    for (std::size_t i = 0; i < slots.size(); ++i)
        hex[static_cast<std::size_t>(slots[i])] = kHex[(unique >> (60 - 4 * i)) & 0xF];
    hex[12] = '4';
    hex[16] = kHex[8 + (noise >> 62)];
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
           hex.substr(20);
}

std::string ResourceIdFor(uint64_t seed, uint32_t group, int member, Kind kind)
{
    const uint64_t unique =
        Mix64(Mix64(seed ^ 0x5EEDULL) ^ (static_cast<uint64_t>(group) << 2 | static_cast<uint64_t>(member)));
    const uint64_t noise = Mix64(unique + 0x1D5ULL);
    if (kind == Kind::Database) {  // RDS instance ids: 32 hex digits + "in01"
        std::string id(32, '0');
        for (int i = 0; i < 16; ++i) id[static_cast<std::size_t>(i)] = kHex[(unique >> (60 - 4 * i)) & 0xF];
        for (int i = 0; i < 16; ++i) id[static_cast<std::size_t>(16 + i)] = kHex[(noise >> (60 - 4 * i)) & 0xF];
        return id + "in01";
    }
    return UuidFor(unique, noise);
}

// Characters people pick for names because they are rare (and so test fonts and IMEs).
constexpr std::array<std::string_view, 24> kRare{"鑫", "曌", "赟", "堃", "淼", "犇", "焱", "垚",
                                                 "昇", "玥", "璟", "翀", "珺", "喆", "燚", "骉",
                                                 "沄", "彧", "琰", "晟", "婧", "锟", "镕", "铖"};
constexpr std::array<std::string_view, 12> kRoles{"web", "app", "db",  "gw",  "api", "etl",
                                                  "oa",  "gis", "his", "edu", "vpn", "jump"};

std::string Serial4(uint32_t group)
{
    std::string s = std::to_string(group + 1);
    return s.size() < 4 ? std::string(4 - s.size(), '0') + s : s;
}

// The group's base name, e.g. "ecs-鑫曌-web-0012" (a Server's system disk is "<name>-sys").
std::string NameFor(uint64_t seed, uint32_t group, Kind kind, uint16_t product)
{
    Rng rng = StreamRng(seed, Stream::Name, group);
    std::string rare(rng.element(kRare));
    if (rng.chance(4000)) rare += rng.element(kRare);
    const std::string n = Serial4(group);
    switch (kind) {
        case Kind::Server: return "ecs-" + rare + "-" + std::string(rng.element(kRoles)) + "-" + n;
        case Kind::DataDisk: return "evs-" + rare + "-data-" + n;
        case Kind::Ip: return "eip-" + rare + "-" + n;
        case Kind::Database: return "rds-" + rare + "-" + std::string(rng.element(kRoles)) + "-" + n;
        case Kind::Disk: return "evs-" + rare + "-" + n;
        case Kind::ObjectPackage: return "obs-资源包-" + rare + "-" + n;
        case Kind::TrafficPackage: return "cdn-流量包-" + rare + "-" + n;
        case Kind::Image: return std::string(TheCatalogue().products[product].nick) + "-" + rare + "-" + n;
    }
    return n;
}

// Order ids in the console's style: "CS" + yyMMddHHmm + tens of seconds + 4 of [0-9A-Z], e.g.
// CS24041515582CL27. The 4 characters are an affine permutation of the order's serial modulo 36^4,
// so ids are unique for up to 1,679,616 orders whatever their times.
constexpr int64_t kSuffixSpace = 36LL * 36 * 36 * 36;
std::string OrderIdFor(int64_t serial, Instant created, uint64_t seed)
{
    // multiplier coprime with 36^4 = 2^8 * 3^8: odd and not a multiple of 3
    int64_t a = static_cast<int64_t>(Mix64(seed ^ 0xC5ULL) % static_cast<uint64_t>(kSuffixSpace)) | 1;
    if (a % 3 == 0) a += 2;
    const int64_t b = static_cast<int64_t>(Mix64(seed ^ 0xC6ULL) % static_cast<uint64_t>(kSuffixSpace));
    int64_t v = (a % kSuffixSpace * (serial % kSuffixSpace) + b) % kSuffixSpace;
    const std::string iso = FormatIso(created, kZone);  // 2024-04-15T15:58:27+08:00
    std::string id = "CS";
    id.append(iso, 2, 2).append(iso, 5, 2).append(iso, 8, 2).append(iso, 11, 2).append(iso, 14, 2).append(iso, 17, 1);
    constexpr char kBase36[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    char suffix[4];
    for (int i = 3; i >= 0; --i) {
        suffix[i] = kBase36[v % 36];
        v /= 36;
    }
    id.append(suffix, 4);
    return id;
}

Instant AtLocal(LocalDate d, int64_t secondsOfDay)
{
    return ToInstant(d, LocalTime::FromSecondsOfDay(static_cast<int>(secondsOfDay)).value_or(LocalTime()), kZone);
}

// A moment in [lo, hi], at an office hour (08:00-21:59 local) when that day's hours fit the range.
Instant OfficeTime(Rng& rng, int64_t lo, int64_t hi)
{
    const Instant any = Instant::FromUnixSeconds(rng.between(lo, hi));
    const Instant office = AtLocal(LocalDateOf(any, kZone), rng.between(8 * kHour, 22 * kHour - 1));
    return office.unixSeconds() >= lo && office.unixSeconds() <= hi ? office : any;
}

// When combined trade order `parent` (and so each of its sub-orders) was placed: within 2 days of as_of.
Instant ParentCreate(uint64_t seed, int64_t parent, Instant asOf)
{
    Rng rng = StreamRng(seed, Stream::Parent, static_cast<uint64_t>(parent));
    return OfficeTime(rng, asOf.unixSeconds() - 2 * kDay, asOf.unixSeconds() - 10 * 60);
}

// [SECTION] one group, built

struct Paid {  // fen
    int64_t cash = 0, voucher = 0, flexi = 0, card = 0, discount = 0;
};

struct BuiltOrder {
    int64_t serial = 0;
    OrderType type = OrderType::New;
    OrderStatus status = OrderStatus::Completed;
    Instant create;
    std::optional<Instant> payment, pendingEnd;
    std::optional<int64_t> parent;    // combined trade order (0-based)
    int periodNum = 1;                // 0 = null (unsubscription)
    std::array<int64_t, 2> amount{};  // per member
    int64_t discount = 0;             // discount coupon: official - amount_after_discount
    bool bySystem = false;            // auto-renewal placed by 运营系统
};

struct BuiltPeriod {
    Instant start, end;
    int num = 1;
    std::string orderId;
    bool renewal = false, invoiced = false, noFiveDay = false;
    std::array<int64_t, 2> list{};
    std::array<Paid, 2> paid{};
};

struct BuiltGroup {
    int members = 1;
    std::array<uint16_t, 2> product{};
    std::array<std::string, 2> id, name;
    std::string mainId;  // DataDisk: the Server it is mounted on
    ResourceStatus status = ResourceStatus::InUse;
    std::optional<FrozenReason> frozen;
    bool failed = false;
    RenewalPolicy policy = RenewalPolicy::Manual;
    TermUnit autoUnit = TermUnit::Month;
    int autoNum = 1;
    std::optional<int> timesLeft;
    int anchor = 1;
    std::vector<BuiltPeriod> periods;
    std::vector<BuiltOrder> orders;  // new, renewals, unsubscribe, pending / sub, cancelled
};

int64_t PriceFen(uint16_t product, TermUnit unit)
{
    const CatalogueProduct& p = TheCatalogue().products[product];
    return unit == TermUnit::Month ? p.month_fen : p.year_fen;
}
int MonthsOf(TermUnit unit, int num) { return unit == TermUnit::Month ? num : 12 * num; }

// How the main line of an order was paid: cash, sometimes with coupons (at most 3 + 1 discount).
Paid PayFor(Rng& rng, int64_t list)
{
    Paid p;
    int64_t rest = list;
    if (rng.chance(1000)) {  // a 0.9 discount coupon
        p.discount = MulDiv(Money::FromFen(list), 1, 10, Rounding::HalfUp).fen();
        rest -= p.discount;
    }
    if (rng.chance(1200)) {
        constexpr std::array<int64_t, 6> faces{1000, 2000, 5000, 10000, 20000, 30000};
        p.voucher = std::min(rest, rng.element(faces));
        rest -= p.voucher;
    }
    if (rng.chance(500)) {
        constexpr std::array<int64_t, 3> faces{2000, 5000, 10000};
        p.flexi = std::min(rest, rng.element(faces));
        rest -= p.flexi;
    }
    if (rng.chance(400)) {
        constexpr std::array<int64_t, 3> faces{10000, 20000, 50000};
        p.card = std::min(rest, rng.element(faces));
        rest -= p.card;
    }
    p.cash = rest;
    return p;
}

// The group's renewal policy and auto-renew settings, by what the product allows and where the
// resource stands. (An auto-renew resource would already have been charged inside the deduction window.)
void ChoosePolicy(Rng& rng, const GroupPlan& g, BuiltGroup& b)
{
    const bool delisted = TheCatalogue().products[g.product].delisted;
    if (g.timeline == Timeline::Grace) b.policy = rng.chance(7000) ? RenewalPolicy::Manual : RenewalPolicy::NoRenew;
    else if (g.timeline == Timeline::ExpiringSoon)
        b.policy =
            static_cast<RenewalPolicy>(rng.pick(std::array<int, 4>{60, 0, delisted || IsPackage(g.kind) ? 0 : 15, 25}));
    else if (g.timeline == Timeline::Failed) b.policy = RenewalPolicy::Manual;
    // never auto (4.2.1.2)
    else if (delisted) b.policy = static_cast<RenewalPolicy>(rng.pick(std::array<int, 4>{50, 0, 15, 35}));
    else if (IsPackage(g.kind)) b.policy = rng.chance(4500) ? RenewalPolicy::Auto : RenewalPolicy::Manual;
    else if (g.kind == Kind::Image) b.policy = static_cast<RenewalPolicy>(rng.pick(std::array<int, 4>{50, 35, 0, 15}));
    else b.policy = static_cast<RenewalPolicy>(rng.pick(std::array<int, 4>{45, 30, 12, 13}));
    b.autoUnit = g.unit;
    b.autoNum = g.unit == TermUnit::Month && !IsPackage(g.kind) && g.kind != Kind::Image
                    ? static_cast<int>(std::array<int, 3>{1, 3, 6}[rng.pick(std::array<int, 3>{80, 15, 5})])
                    : 1;
    if (rng.chance(6000)) b.timesLeft = static_cast<int>(rng.between(1, 12));
}

// Period lengths: the purchase, then each renewal (auto-renewals use the auto-renew period).
std::vector<int> PeriodNums(Rng& rng, const GroupPlan& g, const BuiltGroup& b)
{
    const bool autoRenew = b.policy == RenewalPolicy::Auto;
    const bool single = IsPackage(g.kind) || g.kind == Kind::Image || g.category == Category::Closed;
    std::vector<int> nums(1u + g.renewals, 1);
    if (!single) {
        nums[0] = g.unit == TermUnit::Month
                      ? std::array<int, 5>{1, 2, 3, 6, 9}[rng.pick(std::array<int, 5>{55, 5, 15, 20, 5})]
                      : std::array<int, 3>{1, 2, 3}[rng.pick(std::array<int, 3>{75, 15, 10})];
        for (std::size_t i = 1; i < nums.size(); ++i)
            nums[i] = autoRenew ? b.autoNum
                                : (g.unit == TermUnit::Month
                                       ? std::array<int, 3>{1, 3, 6}[rng.pick(std::array<int, 3>{70, 20, 10})]
                                       : (rng.chance(9000) ? 1 : 2));
    }
    return nums;
}

// The first start: back from a target expiry day chosen for the timeline (so that the periods end
// there), or recent for five-day and failed groups.
Instant FirstStart(Rng& rng, const GroupPlan& g, Instant asOf, int totalMonths, int lastMonths, bool pendingLater)
{
    const LocalDate today = LocalDateOf(asOf, kZone);
    Instant start;
    if (g.timeline == Timeline::FiveDay) {
        start = asOf.plusSeconds(-rng.between(kHour, 118 * kHour));
    } else if (g.timeline == Timeline::Failed) {
        start = asOf.plusSeconds(-rng.between(300, 40 * kHour));
    } else {
        LocalDate lo, hi;  // window for the expiry day
        switch (g.timeline) {
            case Timeline::ExpiringSoon:
                lo = today.plusDays(1);
                hi = today.plusDays(6);
                break;
            case Timeline::Grace:
                lo = today.plusDays(-14);
                hi = today.plusDays(-1);
                break;
            case Timeline::FutureRenewal:
                lo = AddMonths(today, lastMonths).plusDays(2);
                hi = AddMonths(today, lastMonths).plusDays(25);
                break;
            default:
                lo = today.plusDays(8);
                hi = AddMonths(today, lastMonths).plusDays(pendingLater ? -4 : -1);
                break;
        }
        LocalDate target = lo.plusDays(rng.between(0, WholeDaysBetween(lo, hi)));
        LocalDate first = AddMonthsAnchored(target, -totalMonths, target.day());
        if (first.day() != target.day()) {
            // The start month is too short for the target's day (e.g. 31): move the target to the 28th or the
            // next 1st, whichever stays in the window, so the anchor (the start's day) reproduces it.
            const LocalDate the28th = *LocalDate::FromYmd(target.year(), target.month(), 28);
            target = the28th >= lo ? the28th : AddMonthsAnchored(target, 1, 1);
            first = AddMonthsAnchored(target, -totalMonths, target.day());
        }
        start = AtLocal(first, rng.between(8 * kHour, 22 * kHour - 1));
        if (start >= asOf) start = asOf.plusSeconds(-rng.between(kHour, 6 * kHour));
    }
    return start;
}

// The periods, chained from `start`: each renewal starts at the previous end, on the group's anchor day.
void ChainPeriods(const GroupPlan& g, const std::vector<int>& nums, Instant start, BuiltGroup& b)
{
    const LocalDate firstDay = LocalDateOf(start, kZone);
    b.anchor = firstDay.day();
    LocalDate endDay = firstDay;
    Instant from = start;
    for (std::size_t i = 0; i < nums.size(); ++i) {
        BuiltPeriod p;
        p.num = nums[i];
        p.renewal = i > 0;
        p.start = from;
        endDay = AddMonthsAnchored(endDay, MonthsOf(g.unit, nums[i]), b.anchor);
        p.end = PeriodEnd(endDay, kZone);
        from = p.end;
        for (int m = 0; m < b.members; ++m)
            p.list[static_cast<std::size_t>(m)] = PriceFen(b.product[static_cast<std::size_t>(m)], g.unit) * p.num;
        b.periods.push_back(std::move(p));
    }
}

// The resource status of the group's timeline and category.
void SetStatus(const GroupPlan& g, BuiltGroup& b)
{
    switch (g.timeline) {
        case Timeline::Grace: b.status = ResourceStatus::Expired; break;
        case Timeline::FrozenArrears:
            b.status = ResourceStatus::Frozen;
            b.frozen = FrozenReason::Arrears;
            break;
        case Timeline::FrozenViolation:
            b.status = ResourceStatus::Frozen;
            b.frozen = FrozenReason::Violation;
            break;
        case Timeline::FrozenPolice:
            b.status = ResourceStatus::Frozen;
            b.frozen = FrozenReason::Police;
            break;
        case Timeline::Failed: b.failed = true; break;
        default: break;
    }
    if (g.category == Category::Closed) b.status = ResourceStatus::Closed;
}

// Unsubscribed in the current period: refund = paid (no vouchers) - consumed - fee (docs/rules.md §4.2),
// hours floored, fee from the default profile's table.
BuiltOrder UnsubscribeOrder(Rng& rng, const GroupPlan& g, const BuiltGroup& b, Instant start, Instant asOf)
{
    const Instant lastStart = b.periods.back().start;
    int64_t lo = std::max(lastStart.unixSeconds(), start.unixSeconds() + kDay) + kHour;
    int64_t hi = asOf.unixSeconds() - kHour;
    if (lo > hi) lo = hi = (lastStart.unixSeconds() + asOf.unixSeconds()) / 2;
    const Instant when = OfficeTime(rng, lo, hi);
    const BuiltPeriod& p = b.periods.back();
    const Instant fromHour =
        Instant::FromUnixSeconds(p.start.unixSeconds() - ((p.start.unixSeconds() % kHour) + kHour) % kHour);
    const int64_t ordered = WholeHoursBetween(fromHour, p.end.plusSeconds(1));  // 23:59:59 -> next 00:00
    const int64_t used = WholeHoursBetween(fromHour, when);
    static const RuleProfile defaults;
    const int fee = defaults.feePercent(MonthsOf(g.unit, p.num), 1);
    BuiltOrder o;
    o.type = OrderType::Unsubscribe;
    o.create = when;
    o.payment = when;
    o.periodNum = 0;
    for (int m = 0; m < b.members; ++m) {
        const Money base =
            Money::FromFen(p.paid[static_cast<std::size_t>(m)].cash + p.paid[static_cast<std::size_t>(m)].flexi +
                           p.paid[static_cast<std::size_t>(m)].card);
        const Money refund =
            base - MulDiv(base, used, ordered, Rounding::HalfUp) - Percent(base, fee, Rounding::HalfUp);
        o.amount[static_cast<std::size_t>(m)] = std::max<int64_t>(0, refund.fen());
    }
    return o;
}

BuiltGroup BuildGroup(const Plan& plan, uint32_t gi, uint64_t seed, Instant asOf, int deductionDays)
{
    const GroupPlan& g = plan.groups[gi];
    Rng rng = StreamRng(seed, Stream::Group, gi);
    BuiltGroup b;
    b.members = MembersOf(g.kind);
    b.product = {g.product, g.attached};
    b.id[0] = ResourceIdFor(seed, gi, 0, g.kind);
    b.name[0] = NameFor(seed, gi, g.kind, g.product);
    if (b.members == 2) {
        b.id[1] = ResourceIdFor(seed, gi, 1, g.kind);
        b.name[1] = g.kind == Kind::Server ? b.name[0] + "-sys" : "bandwidth-" + b.name[0].substr(4);
    }
    if (g.kind == Kind::DataDisk) b.mainId = ResourceIdFor(seed, g.main, 0, Kind::Server);

    ChoosePolicy(rng, g, b);
    const bool autoRenew = b.policy == RenewalPolicy::Auto;
    const std::vector<int> nums = PeriodNums(rng, g, b);
    int totalMonths = 0;
    for (int n : nums) totalMonths += MonthsOf(g.unit, n);
    const int lastMonths = MonthsOf(g.unit, nums.back());

    // A resource with a pending order takes no other operation, so its completed orders come before
    // (a combined order's sub-orders may be 2 days old).
    const bool pendingLater = g.category == Category::Pending || g.category == Category::CombinedSub;
    const Instant latest = pendingLater ? asOf.plusSeconds(-2 * kDay - kHour) : asOf.plusSeconds(-15 * 60);

    const Instant start = FirstStart(rng, g, asOf, totalMonths, lastMonths, pendingLater);
    ChainPeriods(g, nums, start, b);
    const Instant expire = b.periods.back().end;

    SetStatus(g, b);

    // Orders, in serial order: purchase, renewals, unsubscription, pending renewal, cancelled renewals.
    int64_t serial = g.firstOrder;
    Instant lastCreate = start;
    auto addOrder = [&](BuiltOrder o, BuiltPeriod* period) {
        o.serial = serial++;
        if (period) {
            const Paid main = PayFor(rng, period->list[0]);
            period->paid[0] = main;
            for (int m = 1; m < b.members; ++m)
                period->paid[static_cast<std::size_t>(m)].cash = period->list[static_cast<std::size_t>(m)];
            o.amount = period->list;
            o.discount = main.discount;
            o.periodNum = period->num;
            period->orderId = OrderIdFor(o.serial, o.create, seed);
            period->invoiced = o.payment && *o.payment < asOf.plusSeconds(-30 * kDay) && rng.chance(800);
            period->noFiveDay = !period->renewal && rng.chance(300);
        }
        b.orders.push_back(o);
    };
    {
        BuiltOrder o;
        o.type = OrderType::New;
        o.status = b.failed ? OrderStatus::Processing : OrderStatus::Completed;
        o.create = start.plusSeconds(-rng.between(8, 95));
        o.payment = start;
        if (g.newExported) {
            addOrder(o, &b.periods[0]);
        } else {
            b.periods[0].paid[0] = PayFor(rng, b.periods[0].list[0]);  // a purchase outside the export
            for (int m = 1; m < b.members; ++m)
                b.periods[0].paid[static_cast<std::size_t>(m)].cash = b.periods[0].list[static_cast<std::size_t>(m)];
            b.periods[0].orderId = OrderIdFor(g.firstOrder, o.create, seed);
        }
    }
    for (std::size_t i = 1; i < b.periods.size(); ++i) {
        BuiltPeriod& p = b.periods[i];
        BuiltOrder o;
        o.type = OrderType::Renewal;
        const Instant charge =
            AtLocal(LocalDateOf(p.start, kZone).plusDays(-deductionDays), 3 * kHour).plusSeconds(rng.between(0, 59));
        if (autoRenew && charge > lastCreate && charge < latest) {
            o.create = charge;
            o.payment = charge.plusSeconds(1);
            o.bySystem = true;
        } else {
            int64_t lo = std::max(lastCreate.unixSeconds() + kHour, p.start.unixSeconds() - 25 * kDay);
            int64_t hi = std::min(p.start.unixSeconds() - kHour, latest.unixSeconds());
            if (lo > hi) {
                lo = lastCreate.unixSeconds() + 60;
                hi = std::max(lo, asOf.unixSeconds() - 60);
            }
            o.create = OfficeTime(rng, lo, hi);
            o.payment = o.create.plusSeconds(rng.between(5, 600));
        }
        lastCreate = *o.payment;
        addOrder(o, &p);
    }
    Instant closedAt = asOf;
    if (g.category == Category::Closed) {
        const BuiltOrder o = UnsubscribeOrder(rng, g, b, start, asOf);
        closedAt = o.create;
        lastCreate = o.create;
        addOrder(o, nullptr);
    }
    if (g.category == Category::Pending || g.category == Category::CombinedSub) {
        BuiltOrder o;
        o.type = OrderType::Renewal;
        o.status = OrderStatus::PendingPayment;
        if (g.category == Category::CombinedSub) {
            o.create = ParentCreate(seed, g.parent, asOf);
            o.parent = g.parent;
        } else {
            o.create = OfficeTime(rng, std::max(lastCreate.unixSeconds() + 60, asOf.unixSeconds() - 6 * kDay),
                                  asOf.unixSeconds() - 10 * 60);
        }
        o.pendingEnd = o.create.plusSeconds(7 * kDay);
        for (int m = 0; m < b.members; ++m)
            o.amount[static_cast<std::size_t>(m)] = PriceFen(b.product[static_cast<std::size_t>(m)], g.unit);
        addOrder(o, nullptr);
    }
    for (int i = 0; i < g.cancelled; ++i) {
        BuiltOrder o;
        o.type = OrderType::Renewal;
        o.status = OrderStatus::Cancelled;
        const int64_t hi = std::min(expire, closedAt).unixSeconds() - kHour;
        o.create = OfficeTime(rng, std::min(start.unixSeconds() + kDay, hi), hi);
        o.pendingEnd = o.create.plusSeconds(7 * kDay);
        for (int m = 0; m < b.members; ++m)
            o.amount[static_cast<std::size_t>(m)] = PriceFen(b.product[static_cast<std::size_t>(m)], g.unit);
        addOrder(o, nullptr);
    }
    return b;
}

// [SECTION] writing

void Str(std::string& out, std::string_view s) { AppendJsonString(out, s); }
void MoneyStr(std::string& out, int64_t fen)
{
    out += '"';
    out += Money::FromFen(fen).str();
    out += '"';
}
void Time(std::string& out, Instant i)
{
    out += '"';
    out += FormatIso(i, kZone);
    out += '"';
}
void Int(std::string& out, int64_t v) { out += std::to_string(v); }

void WriteProduct(std::string& out, const CatalogueProduct& p)
{
    const bool package = p.family == Family::ObsPackage || p.family == Family::CdnPackage;
    out += "\n    {\"product_id\":";
    Str(out, p.product_id);
    out += ",\"service_type_code\":";
    Str(out, p.service_type_code);
    out += ",\"service_type_name\":";
    Str(out, p.service_type_name);
    out += ",\"resource_type_code\":";
    Str(out, p.resource_type_code);
    out += ",\"spec_desc\":";
    Str(out, p.spec_desc);
    out += ",\"region_code\":";
    Str(out, p.region);
    out += ",\"prices\":{";
    if (p.month_fen) {
        out += "\"month\":";
        MoneyStr(out, p.month_fen);
    }
    if (p.year_fen) {
        out += p.month_fen ? ",\"year\":" : "\"year\":";
        MoneyStr(out, p.year_fen);
    }
    out += "},\"renew_options\":{\"months\":";
    out += p.month_fen ? "[1,2,3,4,5,6,7,8,9]" : "[]";
    out += ",\"years\":";
    out += p.year_fen ? (package ? "[1]" : "[1,2,3]") : "[]";
    out += "},\"kind\":";
    out += package ? "\"resource_package\"" : p.family == Family::Image ? "\"marketplace\"" : "\"standard\"";
    out += ",\"delisted\":";
    out += p.delisted ? "true" : "false";
    out += package                     ? ",\"five_day_refund\":false,\"unsubscribable\":false,\"to_on_demand\":false}"
           : p.family == Family::Image ? ",\"five_day_refund\":true,\"unsubscribable\":true,\"to_on_demand\":false}"
                                       : ",\"five_day_refund\":true,\"unsubscribable\":true,\"to_on_demand\":true}";
}

void WriteResources(std::string& out, const BuiltGroup& b, const GroupPlan& g, bool& first)
{
    for (int m = 0; m < b.members; ++m) {
        const std::size_t mi = static_cast<std::size_t>(m);
        const CatalogueProduct& product = TheCatalogue().products[b.product[mi]];
        out += first ? "\n    " : ",\n    ";
        first = false;
        out += "{\"resource_id\":";
        Str(out, b.id[mi]);
        out += ",\"resource_name\":";
        Str(out, b.name[mi]);
        out += ",\"product_id\":";
        Str(out, product.product_id);
        out += ",\"region_code\":";
        Str(out, product.region);
        if (m == 1) {
            out += ",\"main_resource_id\":";
            Str(out, b.id[0]);
            out += ",\"relation\":\"bound\"";
        } else if (g.kind == Kind::DataDisk) {
            out += ",\"main_resource_id\":";
            Str(out, b.mainId);
            out += ",\"relation\":\"mounted\"";
        } else out += ",\"main_resource_id\":null";
        out += ",\"status\":\"";
        out += ToString(b.status);
        out += '"';
        if (b.frozen) {
            out += ",\"frozen_reason\":\"";
            out += ToString(*b.frozen);
            out += '"';
        }
        out += b.failed ? ",\"provisioning\":\"failed\"" : ",\"provisioning\":\"ok\"";
        out += ",\"effective_time\":";
        Time(out, b.periods.front().start);
        out += ",\"expire_time\":";
        Time(out, b.periods.back().end);
        out += ",\"anchor_day\":";
        Int(out, b.anchor);
        out += ",\"renewal_policy\":\"";
        out += ToString(b.policy);
        out += '"';
        if (b.policy == RenewalPolicy::Auto) {
            out += ",\"auto_renew\":{\"period\":\"";
            out += ToString(b.autoUnit);
            out += "\",\"period_num\":";
            Int(out, b.autoNum);
            out += ",\"times_left\":";
            if (b.timesLeft) Int(out, *b.timesLeft);
            else out += "null";
            out += '}';
        }
        out += ",\"periods\":[";
        for (std::size_t i = 0; i < b.periods.size(); ++i) {
            const BuiltPeriod& p = b.periods[i];
            const Paid& paid = p.paid[mi];
            out += i ? ",{\"order_id\":" : "{\"order_id\":";
            Str(out, p.orderId);
            out += p.renewal ? ",\"kind\":\"renewal\",\"start\":" : ",\"kind\":\"new\",\"start\":";
            Time(out, p.start);
            out += ",\"end\":";
            Time(out, p.end);
            out += ",\"list_amount\":";
            MoneyStr(out, p.list[mi]);
            out += ",\"paid\":{\"cash\":";
            MoneyStr(out, paid.cash);
            out += ",\"voucher\":";
            MoneyStr(out, paid.voucher);
            out += ",\"flexi_coupon\":";
            MoneyStr(out, paid.flexi);
            out += ",\"stored_card\":";
            MoneyStr(out, paid.card);
            out += ",\"discount_coupon\":";
            MoneyStr(out, paid.discount);
            out += "},\"no_five_day_refund\":";
            out += p.noFiveDay ? "true" : "false";
            out += ",\"invoiced\":";
            out += p.invoiced ? "true}" : "false}";
        }
        out += "]}";
    }
}

struct OrderLine {
    std::optional<std::string_view> resourceId;
    uint16_t product;
    std::string_view period;
    int num;
    int64_t amount;
};
struct OrderHead {
    std::string id;
    OrderType type;
    OrderStatus status;
    Instant create;
    std::optional<Instant> payment, pendingEnd;
    std::optional<std::string> combined;
    int64_t official, afterDiscount;
    std::string_view serviceName, createdBy;
};

void WriteOrder(std::string& out, const OrderHead& h, const std::vector<OrderLine>& lines,
                const std::vector<std::pair<const BuiltOrder*, std::string>>& history, bool& first)
{
    out += first ? "\n    " : ",\n    ";
    first = false;
    out += "{\"order_id\":";
    Str(out, h.id);
    out += ",\"order_type\":\"";
    out += ToString(h.type);
    out += "\",\"status\":\"";
    out += ToString(h.status);
    out += "\",\"create_time\":";
    Time(out, h.create);
    out += ",\"payment_time\":";
    if (h.payment) Time(out, *h.payment);
    else out += "null";
    if (h.pendingEnd) {
        out += ",\"pending_payment_end_time\":";
        Time(out, *h.pendingEnd);
    }
    out += ",\"combined_order_id\":";
    if (h.combined) Str(out, *h.combined);
    else out += "null";
    out += ",\"official_amount\":";
    MoneyStr(out, h.official);
    out += ",\"amount_after_discount\":";
    MoneyStr(out, h.afterDiscount);
    out += ",\"currency\":\"CNY\",\"service_type_name\":";
    Str(out, h.serviceName);
    out += ",\"created_by\":";
    Str(out, h.createdBy);
    out += ",\"items\":[";
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const OrderLine& l = lines[i];
        out += i ? ",{" : "{";
        if (l.resourceId) {
            out += "\"resource_id\":";
            Str(out, *l.resourceId);
            out += ',';
        }
        out += "\"product_id\":";
        Str(out, TheCatalogue().products[l.product].product_id);
        out += ",\"period\":\"";
        out += l.period;
        out += "\",\"period_num\":";
        if (l.num) Int(out, l.num);
        else out += "null";
        out += ",\"amount\":";
        MoneyStr(out, l.amount);
        out += '}';
    }
    out += "],\"history\":[";
    for (std::size_t i = 0; i < history.size(); ++i) {
        out += i ? ",{\"time\":" : "{\"time\":";
        Time(out, history[i].first->create);
        out += ",\"type\":\"";
        out += ToString(history[i].first->type);
        out += "\",\"order_id\":";
        Str(out, history[i].second);
        out += '}';
    }
    out += "]}";
}

constexpr std::string_view kUser = "njxzy_admin";  // the account's login, creator of its own orders
constexpr std::string_view kSystem = "运营系统";   // creator of auto-renewal orders (docs/huawei-data.md)
constexpr std::array<std::string_view, 6> kManagers{"客户经理 王堃", "客户经理 李淼", "客户经理 张赟",
                                                    "客户经理 陈曌", "客户经理 刘鑫", "客户经理 赵犇"};

std::string_view PeriodWord(TermUnit u) { return u == TermUnit::Month ? "month" : "year"; }

// An order for no resource (yet): a purchase pending review or pending confirmation (placed by an
// account manager, 客户经理代客下单), or an old cancelled purchase. Built from its own stream.
struct LooseOrder {
    uint16_t product = 0;
    TermUnit unit = TermUnit::Month;
    int num = 1;
    OrderStatus status = OrderStatus::Cancelled;
    Instant create;
    std::string_view createdBy;
};

LooseOrder MakeLoose(const Plan& plan, uint64_t seed, int64_t i, Instant asOf)
{
    Rng rng = StreamRng(seed, Stream::Loose, static_cast<uint64_t>(i));
    constexpr std::array<Family, 4> kBought{Family::Rds, Family::Ecs, Family::CdnPackage, Family::DataDisk};
    const Family f = rng.element(kBought);
    LooseOrder l;
    l.product = PickProduct(rng, f, f == Family::CdnPackage ? kRegions.size() : 0);
    const CatalogueProduct& p = TheCatalogue().products[l.product];
    l.unit = p.month_fen && (!p.year_fen || rng.chance(5000)) ? TermUnit::Month : TermUnit::Year;
    l.num = l.unit == TermUnit::Month ? static_cast<int>(rng.between(1, 3)) : 1;
    l.status = i < plan.reviews                        ? OrderStatus::PendingReview
               : i < plan.reviews + plan.confirmations ? OrderStatus::PendingConfirmation
                                                       : OrderStatus::Cancelled;
    const int64_t now = asOf.unixSeconds();
    l.create = l.status == OrderStatus::Cancelled ? OfficeTime(rng, now - 300 * kDay, now - 8 * kDay)
                                                  : OfficeTime(rng, now - 6 * kDay, now - 10 * 60);
    l.createdBy = l.status == OrderStatus::PendingConfirmation ? rng.element(kManagers) : kUser;
    return l;
}

}  // namespace

// The account object (and the empty rules); returns the account's deduction days, which the groups'
// auto-renewals follow.
int WriteAccount(std::string& out, Rng& extras, uint64_t seed, Instant asOf)
{
    const LocalDate today = LocalDateOf(asOf, kZone);
    constexpr std::array<std::string_view, 8> kCities{"南京市", "苏州市", "无锡市", "徐州市",
                                                      "常州市", "扬州市", "镇江市", "泰州市"};
    constexpr std::array<std::string_view, 6> kOffices{"大数据管理中心",   "智慧城市运营中心", "政务服务管理办公室",
                                                       "卫生健康信息中心", "教育技术装备中心", "公共资源交易中心"};
    // One draw per statement: the evaluation order of operands of + is unspecified (gcc and clang differ).
    std::string accountName(extras.element(kCities));
    accountName += extras.element(kRare);
    accountName += extras.element(kRare);
    accountName += extras.element(kOffices);
    const int deductionDays = extras.chance(7000) ? 7 : static_cast<int>(extras.between(2, 6));
    out += "{\n  \"format\": \"quotedesk/1\",\n  \"as_of\": ";
    Time(out, asOf);
    out += ",\n  \"account\": {\"customer_id\":";
    std::string customer(32, '0');
    const uint64_t c1 = Mix64(seed ^ 0xACC0ULL), c2 = Mix64(c1);
    for (int i = 0; i < 32; ++i)
        customer[static_cast<std::size_t>(i)] = kHex[((i < 16 ? c1 : c2) >> (4 * (i % 16))) & 0xF];
    Str(out, customer);
    out += ",\"name\":";
    Str(out, accountName);
    out += ",\"currency\":\"CNY\",\"cash_balance\":";
    MoneyStr(out, extras.between(50000, 20000000));
    out += ",\"five_day_quota\":{\"year\":";
    Int(out, today.year());
    out += ",\"limit\":10,\"used\":";
    Int(out, extras.between(0, 3));
    out += "},\"deduction_days_before\":";
    Int(out, deductionDays);
    switch (extras.pick(std::array<int, 3>{60, 20, 20})) {
        case 0: out += ",\"unified_expiry_day\":1"; break;
        case 1: break;  // never set
        default:
            if (extras.chance(3000)) out += ",\"unified_expiry_day\":\"last\"";
            else {
                out += ",\"unified_expiry_day\":";
                Int(out, extras.between(2, 28));
            }
    }
    out += "},\n  \"rules\": {},\n  \"products\": [";

    return deductionDays;
}

// The products the groups and the loose orders use, in catalogue order.
void WriteProducts(std::string& out, const Plan& plan, uint64_t seed, Instant asOf)
{
    std::vector<bool> used(TheCatalogue().products.size(), false);
    for (const GroupPlan& g : plan.groups) {
        used[g.product] = true;
        if (MembersOf(g.kind) == 2) used[g.attached] = true;
    }
    const int64_t looseOrders = plan.reviews + plan.confirmations + plan.cancelledNew;
    for (int64_t i = 0; i < looseOrders; ++i) used[MakeLoose(plan, seed, i, asOf).product] = true;
    bool first = true;
    for (std::size_t p = 0; p < used.size(); ++p) {
        if (!used[p]) continue;
        if (!first) out += ',';
        first = false;
        WriteProduct(out, TheCatalogue().products[p]);
    }
    out += first ? "],\n  \"resources\": [" : "\n  ],\n  \"resources\": [";
}

// The orders: each group's, then the combined trade orders (after their last sub-order), then the
// loose ones.
void WriteOrders(std::string& out, const Plan& plan, uint64_t seed, Instant asOf, int deductionDays)
{
    bool first = true;
    const int64_t looseOrders = plan.reviews + plan.confirmations + plan.cancelledNew;
    const std::size_t nParents = static_cast<std::size_t>(plan.parents);
    std::vector<int64_t> parentOfficial(nParents, 0);
    std::vector<Instant> parentCreate(nParents);
    std::vector<std::string> parentId(nParents);
    for (std::size_t p = 0; p < nParents; ++p) {
        parentCreate[p] = ParentCreate(seed, static_cast<int64_t>(p), asOf);
        parentId[p] = OrderIdFor(plan.parentSerial + static_cast<int64_t>(p), parentCreate[p], seed);
    }
    std::vector<OrderLine> lines;
    std::vector<std::pair<const BuiltOrder*, std::string>> history, noHistory;
    for (uint32_t gi = 0; gi < plan.groups.size(); ++gi) {
        const GroupPlan& g = plan.groups[gi];
        const BuiltGroup b = BuildGroup(plan, gi, seed, asOf, deductionDays);
        const std::string_view service = TheCatalogue().products[b.product[0]].service_type_name;
        std::vector<std::string> ids;
        ids.reserve(b.orders.size());
        for (const BuiltOrder& o : b.orders) ids.push_back(OrderIdFor(o.serial, o.create, seed));
        history.clear();
        for (std::size_t i = 0; i < b.orders.size(); ++i)
            if (b.orders[i].type != OrderType::New && b.orders[i].status != OrderStatus::Cancelled)
                history.emplace_back(&b.orders[i], ids[i]);
        for (std::size_t i = 0; i < b.orders.size(); ++i) {
            const BuiltOrder& o = b.orders[i];
            OrderHead h{ids[i],
                        o.type,
                        o.status,
                        o.create,
                        o.payment,
                        o.pendingEnd,
                        std::nullopt,
                        0,
                        0,
                        service,
                        o.bySystem ? kSystem : kUser};
            if (o.parent) h.combined = parentId[static_cast<std::size_t>(*o.parent)];
            lines.clear();
            for (int m = 0; m < b.members; ++m) {
                const std::size_t mi = static_cast<std::size_t>(m);
                lines.push_back(
                    {std::string_view(b.id[mi]), b.product[mi], PeriodWord(g.unit), o.periodNum, o.amount[mi]});
                h.official += o.amount[mi];
            }
            h.afterDiscount = h.official - o.discount;
            WriteOrder(out, h, lines, o.type == OrderType::New ? history : noHistory, first);
            if (o.parent) parentOfficial[static_cast<std::size_t>(*o.parent)] += h.official;
        }
        if (g.category == Category::CombinedSub && plan.lastSub[g.parent] == gi) {
            const std::size_t p = g.parent;
            OrderHead h{parentId[p],
                        OrderType::Renewal,
                        OrderStatus::PendingPayment,
                        parentCreate[p],
                        std::nullopt,
                        parentCreate[p].plusSeconds(7 * kDay),
                        std::nullopt,
                        parentOfficial[p],
                        parentOfficial[p],
                        "组合交易",
                        kUser};
            lines.clear();
            WriteOrder(out, h, lines, noHistory, first);
        }
    }
    for (int64_t i = 0; i < looseOrders; ++i) {
        const LooseOrder l = MakeLoose(plan, seed, i, asOf);
        const CatalogueProduct& p = TheCatalogue().products[l.product];
        const int64_t amount = PriceFen(l.product, l.unit) * l.num;
        OrderHead h{OrderIdFor(plan.looseSerial + i, l.create, seed),
                    OrderType::New,
                    l.status,
                    l.create,
                    std::nullopt,
                    l.create.plusSeconds(7 * kDay),
                    std::nullopt,
                    amount,
                    amount,
                    p.service_type_name,
                    l.createdBy};
        lines.assign(1, OrderLine{std::nullopt, l.product, PeriodWord(l.unit), l.num, amount});
        WriteOrder(out, h, lines, noHistory, first);
    }
    out += first ? "],\n" : "\n  ],\n";
}

// Coupons: one of each type, then any.
void WriteCoupons(std::string& out, Rng& extras, Instant asOf)
{
    const LocalDate today = LocalDateOf(asOf, kZone);
    out += "  \"coupons\": [";
    const int coupons = static_cast<int>(extras.between(4, 8));
    for (int i = 0; i < coupons; ++i) {
        const int type = i < 4 ? i : static_cast<int>(extras.below(4));  // one of each, then any
        const LocalDate issued = today.plusDays(-extras.between(1, 200));
        std::string id = type == 3 ? "SC" : "CP";
        id += FormatLocalDate(issued).substr(2, 2) + FormatLocalDate(issued).substr(5, 2) +
              FormatLocalDate(issued).substr(8, 2);
        id += std::to_string(1000000 + extras.below(900000) * 10 + i);  // last digit: unique
        out += i ? ",\n    {\"coupon_id\":" : "\n    {\"coupon_id\":";
        Str(out, id);
        out += ",\"type\":\"";
        out += ToString(static_cast<CouponType>(type));
        out += '"';
        if (type == 1) out += ",\"discount_ratio\":\"0.9\"";
        else {
            out += ",\"balance\":";
            MoneyStr(out, extras.between(1, 100) * (type == 3 ? 5000 : 1000));
        }
        out += ",\"expire_time\":";
        Time(out, PeriodEnd(today.plusDays(extras.between(10, 330)), kZone));
        out += '}';
    }
}

// Export records of the last 3 days, with row counts the workspace could have produced.
void WriteExportRecords(std::string& out, Rng& extras, Instant asOf, int64_t nResources, int64_t nOrders)
{
    out += "\n  ],\n  \"export_records\": [";
    constexpr std::array<std::string_view, 4> kExportLabels{"订单列表", "待支付订单", "续费清单",
                                                            "续费价目表"};  // per ExportKind
    const int records = static_cast<int>(extras.between(2, 3));
    for (int i = 0; i < records; ++i) {
        const ExportKind kind = static_cast<ExportKind>(extras.below(4));
        const Instant when = OfficeTime(extras, asOf.unixSeconds() - 3 * kDay + kHour, asOf.unixSeconds() - 10 * 60);
        const std::string iso = FormatIso(when, kZone);
        const std::string stamp = iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2) + iso.substr(11, 2) +
                                  iso.substr(14, 2) + iso.substr(17, 2);
        out += i ? ",\n    {\"id\":" : "\n    {\"id\":";
        Str(out, "EXP" + stamp + std::to_string(i));
        out += ",\"kind\":\"";
        out += ToString(kind);
        out += "\",\"created_time\":";
        Time(out, when);
        out += ",\"file_name\":";
        Str(out, std::string(kExportLabels[static_cast<std::size_t>(kind)]) + "_" + stamp + ".csv");
        const int64_t most = kind == ExportKind::Orders ? nOrders
                             : kind == ExportKind::PendingOrders
                                 ? nOrders / 10
                                 : std::min<int64_t>(nResources, kind == ExportKind::RenewalList ? 200 : 10000);
        out += ",\"rows\":";
        Int(out, extras.between(1, std::max<int64_t>(1, most)));
        out += '}';
    }
}

void GenerateWorkspace(const GeneratorOptions& options, std::string& out)
{
    const int64_t nResources = std::clamp<int64_t>(options.resources, 0, kMaxGeneratedResources);
    const int64_t nOrders = std::clamp<int64_t>(options.orders.value_or(nResources), 0, kMaxGeneratedOrders);
    const uint64_t seed = options.seed;
    const Instant asOf = options.as_of;
    const Plan plan = MakePlan(nResources, nOrders, seed);
    out.reserve(out.size() + static_cast<std::size_t>(nResources) * 900 + static_cast<std::size_t>(nOrders) * 520 +
                64 * 1024);
    Rng extras = StreamRng(seed, Stream::Extras, 0);
    const int deductionDays = WriteAccount(out, extras, seed, asOf);
    WriteProducts(out, plan, seed, asOf);
    // Resources.
    bool first = true;
    for (uint32_t gi = 0; gi < plan.groups.size(); ++gi)
        WriteResources(out, BuildGroup(plan, gi, seed, asOf, deductionDays), plan.groups[gi], first);
    out += first ? "],\n  \"orders\": [" : "\n  ],\n  \"orders\": [";
    WriteOrders(out, plan, seed, asOf, deductionDays);
    WriteCoupons(out, extras, asOf);
    WriteExportRecords(out, extras, asOf, nResources, nOrders);
    out += "\n  ]\n}\n";
}

std::string GenerateWorkspace(const GeneratorOptions& options)
{
    std::string out;
    GenerateWorkspace(options, out);
    return out;
}

}  // namespace qd
