// A small bundled list of anonymising networks: /24 prefixes run by long-standing Tor exit
// operators (Zwiebelfreunde 185.220.100–101, DFRI 171.25.193, Emerald Onion 199.249.230,
// Quintex 199.195.250…). Not complete — replace or extend it with a current exit list feed.
export const ANONYMIZING_PREFIXES: readonly string[] = [
  '185.220.100.', '185.220.101.', '185.220.102.', '185.220.103.',
  '171.25.193.', '199.249.230.', '204.85.191.', '23.129.64.', '109.70.100.', '45.141.215.',
];
