// Generates large Huawei BSS responses for the Huawei import benchmark (docs/huawei-data.md §7):
// ListPayPerUseCustomerResources pages (`data[]`, OrderInstanceV2) and ListCustomerOrders pages
// (`order_infos[]`, CustomerOrderV2), shaped as the published examples in tests/huawei/, deterministic
// for a seed. Every record is valid, so the whole file is imported on the fast path.
//
//   node tools/bench/gen_huawei.mjs OUT_DIR RESOURCES [PAGE_SIZE] [SEED]
//
// writes OUT_DIR/resources-N.json (PAGE_SIZE resources each, total_count = RESOURCES) and
// OUT_DIR/orders-N.json (one order per main resource, at most 100 per page as the API pages them;
// PAGE_SIZE 0 = everything in one page each: resources.json, orders.json).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [outDir, countArg, pageArg = '500', seedArg = '1'] = process.argv.slice(2);
if (!outDir || !countArg) {
  console.error('usage: node tools/bench/gen_huawei.mjs OUT_DIR RESOURCES [PAGE_SIZE] [SEED]');
  process.exit(2);
}
const total = Number(countArg);
const pageSize = Number(pageArg);
let state = Number(seedArg) >>> 0 || 1;
function next() { // xorshift32: the same files for the same seed
  state ^= state << 13; state >>>= 0;
  state ^= state >>> 17;
  state ^= state << 5; state >>>= 0;
  return state;
}
const hex = (n) => Array.from({ length: n }, () => (next() % 16).toString(16)).join('');
const uuid = () => `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`;
const customer = '0b6f3c2a9e4d4f7a8c1e5d2b7a9f0c63';
const regions = ['cn-north-4', 'cn-east-3', 'cn-south-1', 'ap-southeast-1'];
const products = [
  { id: 'OFFI740586375358963717', service: 'hws.service.type.ec2', name: '弹性云服务器', type: 'hws.resource.type.vm',
    typeName: '云主机', spec: 's6.large.2.linux', desc: 's6.large.2 | 2vCPUs | 4GiB | linux', month: '259.20' },
  { id: 'OFFI740586375358963718', service: 'hws.service.type.ec2', name: '弹性云服务器', type: 'hws.resource.type.vm',
    typeName: '云主机', spec: 'c7.xlarge.2.linux', desc: 'c7.xlarge.2 | 4vCPUs | 8GiB | linux', month: '566.40' },
  { id: 'OFFI740586375358963730', service: 'hws.service.type.rds', name: '云数据库 RDS',
    type: 'hws.resource.type.rds.vm', typeName: '云数据库实例', spec: 'rds.mysql.x1.large.2.ha',
    desc: 'MySQL 8.0 | 主备 | 2vCPUs | 4GiB', month: '1096.00' },
];
const disk = { id: 'OFFI740586375358963801', service: 'hws.service.type.ebs', name: '云硬盘',
  type: 'hws.resource.type.volume', typeName: '云硬盘', spec: 'SSD', desc: '超高IO | 40GB', month: '28.00' };

function iso(ms) { return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'); }
const day = 86400000;
const base = Date.UTC(2024, 0, 1);

// Resources: every third one is a system disk attached to the main before it.
const resources = [];
const orders = [];
let main = null;
for (let i = 0; i < total; ++i) {
  const attached = main !== null && i % 3 === 2;
  const p = attached ? disk : products[next() % products.length];
  const start = attached ? main.start : base + (next() % 400) * day + (next() % 86400) * 1000;
  const months = attached ? main.months : 1 + (next() % 12);
  const end = start + months * 30 * day;
  const id = uuid();
  resources.push({
    id: hex(32), resource_id: id, resource_name: `${attached ? 'disk' : 'ecs'}-bench-${i}`,
    region_code: attached ? main.region : regions[next() % regions.length],
    service_type_code: p.service, resource_type_code: p.type, resource_type_name: p.typeName,
    service_type_name: p.name, resource_spec_code: p.spec, project_id: hex(32), product_id: p.id,
    parent_resource_id: attached ? main.id : '', is_main_resource: attached ? 0 : 1,
    status: [2, 2, 2, 2, 5, 3][next() % 6], effective_time: iso(start), expire_time: iso(end),
    expire_policy: [0, 0, 3, 1, 2][next() % 5], product_spec_desc: p.desc, spec_size: attached ? 40 : null,
    spec_size_measure_id: attached ? 17 : null, update_time: iso(start + day),
    enterprise_project: { id: '0', name: 'default' },
  });
  if (!attached) {
    main = { id, start, months, region: resources[resources.length - 1].region_code };
    const amount = (Number(p.month) * months).toFixed(2);
    const discount = (Number(amount) * 0.15).toFixed(2);
    const paid = (Number(amount) - Number(discount)).toFixed(2);
    orders.push({
      order_id: `CS${String(2401010000 + orders.length)}${hex(5).toUpperCase()}`, customer_id: customer,
      service_type_code: p.service, service_type_name: p.name, source_type: 1, status: 5, order_type: 1,
      amount_after_discount: Number(paid), official_amount: Number(amount), measure_id: 1,
      create_time: iso(start - 60000), payment_time: iso(start - 30000), currency: 'CNY', contract_id: '',
      amount_info: { discounts: [{ discount_type: '700', discount_amount: Number(discount) }],
        flexipurchase_coupon_amount: 0, coupon_amount: 0, stored_card_amount: 0 },
      enterprise_projects: [{ id: '0', name: 'default' }],
      agent_pay_info: { paying_agent_id: '', is_agent_pay: false },
    });
  }
}

mkdirSync(outDir, { recursive: true });
function pages(name, records, size, key) {
  if (size <= 0) {
    writeFileSync(join(outDir, `${name}.json`), JSON.stringify({ total_count: records.length, [key]: records }));
    return 1;
  }
  let n = 0;
  for (let at = 0; at < records.length; at += size, ++n)
    writeFileSync(join(outDir, `${name}-${String(at).padStart(7, '0')}.json`),
      JSON.stringify({ total_count: records.length, [key]: records.slice(at, at + size) }));
  return n;
}
const rp = pages('resources', resources, pageSize, 'data');
const op = pages('orders', orders, pageSize <= 0 ? 0 : Math.min(pageSize, 100), 'order_infos');
console.log(`${outDir}: ${resources.length} resources in ${rp} file(s), ${orders.length} orders in ${op} file(s)`);
