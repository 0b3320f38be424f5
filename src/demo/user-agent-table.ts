// Real user-agent strings with the deviceDetail values and clientAppUsed Entra shows for them.

export type Platform = 'windows' | 'mac' | 'ios' | 'android' | 'script' | 'legacy';

export interface UserAgentProfile {
  readonly key: string;
  readonly userAgent: string;
  readonly browser: string;
  readonly operatingSystem: string;
  readonly clientAppUsed: string;
  readonly platform: Platform;
  /** Legacy protocol clients cannot do MFA; spray tools use them for that reason. */
  readonly legacy: boolean;
}

const ua = (
  key: string, platform: Platform, clientAppUsed: string, browser: string, operatingSystem: string, userAgent: string,
  legacy = false,
): UserAgentProfile => ({ key, userAgent, browser, operatingSystem, clientAppUsed, platform, legacy });

const EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 Edg/122.0.0.0';
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36';

export const USER_AGENTS = {
  edgeWindows: ua('edgeWindows', 'windows', 'Browser', 'Edge 122.0.0', 'Windows10', EDGE),
  chromeWindows: ua('chromeWindows', 'windows', 'Browser', 'Chrome 122.0.0', 'Windows10', CHROME_WIN),
  firefoxWindows: ua('firefoxWindows', 'windows', 'Browser', 'Firefox 123.0', 'Windows10',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:123.0) Gecko/20100101 Firefox/123.0'),
  outlookWindows: ua('outlookWindows', 'windows', 'Mobile Apps and Desktop clients', 'Rich Client 4.58.0.0', 'Windows10',
    'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)'),
  chromeMac: ua('chromeMac', 'mac', 'Browser', 'Chrome 122.0.0', 'MacOs',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36'),
  safariMac: ua('safariMac', 'mac', 'Browser', 'Safari 17.3', 'MacOs',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Safari/605.1.15'),
  firefoxMac: ua('firefoxMac', 'mac', 'Browser', 'Firefox 123.0', 'MacOs',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.3; rv:123.0) Gecko/20100101 Firefox/123.0'),
  outlookMac: ua('outlookMac', 'mac', 'Mobile Apps and Desktop clients', 'Rich Client 1.0', 'MacOs',
    'Microsoft Office/16.0 (Macintosh; Mac OS X 14.3; Microsoft Outlook 16.82)'),
  safariIos: ua('safariIos', 'ios', 'Browser', 'Mobile Safari 17.3', 'Ios',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_3_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.3 Mobile/15E148 Safari/604.1'),
  outlookIos: ua('outlookIos', 'ios', 'Mobile Apps and Desktop clients', 'Rich Client 1.4.2', 'Ios',
    'Outlook-iOS/709.2226530.prod.iphone (4.2409.0)'),
  chromeAndroid: ua('chromeAndroid', 'android', 'Browser', 'Chrome Mobile 122.0.6261', 'Android',
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Mobile Safari/537.36'),
  outlookAndroid: ua('outlookAndroid', 'android', 'Mobile Apps and Desktop clients', 'Rich Client 4.2409.1', 'Android',
    'Dalvik/2.1.0 (Linux; U; Android 14; Pixel 8 Build/UQ1A.240205.004)'),
  pythonRequests: ua('pythonRequests', 'script', 'Mobile Apps and Desktop clients', 'Python Requests 2.31', '',
    'python-requests/2.31.0'),
  imapClient: ua('imapClient', 'legacy', 'IMAP', '', '', 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:115.0) Gecko/20100101 Thunderbird/115.8.0', true),
  activeSync: ua('activeSync', 'legacy', 'Exchange ActiveSync', '', 'Ios', 'Apple-iPhone15C2/2103.60', true),
  smtpClient: ua('smtpClient', 'legacy', 'Authenticated SMTP', '', '', '', true),
  // The ROPC user agent password-spray tooling is known for.
  ropcSpray: ua('ropcSpray', 'legacy', 'Other clients', '', '', 'BAV2ROPC', true),
} as const satisfies Record<string, UserAgentProfile>;

export type UserAgentKey = keyof typeof USER_AGENTS;

export const DESKTOP_BROWSERS: Record<'windows' | 'mac', readonly UserAgentProfile[]> = {
  windows: [USER_AGENTS.edgeWindows, USER_AGENTS.edgeWindows, USER_AGENTS.chromeWindows, USER_AGENTS.firefoxWindows],
  mac: [USER_AGENTS.chromeMac, USER_AGENTS.safariMac, USER_AGENTS.firefoxMac],
};
export const DESKTOP_MAIL: Record<'windows' | 'mac', UserAgentProfile> = {
  windows: USER_AGENTS.outlookWindows,
  mac: USER_AGENTS.outlookMac,
};
export const MOBILE: Record<'ios' | 'android', { browser: UserAgentProfile; mail: UserAgentProfile }> = {
  ios: { browser: USER_AGENTS.safariIos, mail: USER_AGENTS.outlookIos },
  android: { browser: USER_AGENTS.chromeAndroid, mail: USER_AGENTS.outlookAndroid },
};
export const LEGACY_CLIENTS: readonly UserAgentProfile[] = [USER_AGENTS.imapClient, USER_AGENTS.activeSync, USER_AGENTS.smtpClient];
