// User agent → deviceDetail browser and operating system, in the forms Entra shows
// ("Edge 122.0.0", "Windows10", "Ios"). ua-parser-js 1.x is MIT (2.x is AGPL). Parsing costs
// ~0.15 ms, and a tenant has few distinct agents, so results are cached by string.
import { UAParser } from 'ua-parser-js';

export interface UaInfo {
  readonly browser: string | null;
  readonly operatingSystem: string | null;
}

const MAX_CACHE = 20_000;

function formatOs(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  const n = name.toLowerCase();
  if (n === 'windows') return version && /^(10|11|7|8|8\.1)$/.test(version) ? `Windows${version}` : 'Windows';
  if (n === 'mac os' || n === 'macos') return 'MacOs';
  if (n === 'ios') return 'Ios';
  if (n === 'android') return 'Android';
  if (n === 'chrome os' || n === 'chromium os') return 'ChromeOS';
  if (n === 'linux' || n === 'ubuntu' || n === 'debian' || n === 'fedora') return 'Linux';
  return name;
}

function formatBrowser(name: string | undefined, version: string | undefined): string | null {
  if (!name) return null;
  const n = name === 'Edge' ? 'Edge' : name;
  if (!version) return n;
  const parts = version.split('.');
  while (parts.length < 3) parts.push('0');
  return `${n} ${parts.slice(0, 3).join('.')}`;
}

export function createUserAgentEnricher(): (ua: string) => UaInfo {
  const cache = new Map<string, UaInfo>();
  return (ua) => {
    let info = cache.get(ua);
    if (info) return info;
    const r = new UAParser(ua).getResult();
    let browser = formatBrowser(r.browser.name, r.browser.version);
    if (!browser) {
      // Non-browser clients (python-requests/2.31, Microsoft Office/16.0…): product/version.
      const m = /^([A-Za-z][\w .-]*?)\/(\d[\w.]*)/.exec(ua);
      browser = m ? `${m[1]} ${m[2]}` : null;
    }
    info = { browser, operatingSystem: formatOs(r.os.name, r.os.version) };
    if (cache.size >= MAX_CACHE) cache.clear();
    cache.set(ua, info);
    return info;
  };
}
