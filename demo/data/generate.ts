/**
 * Deterministic demo data for one cooperative, in legacy terms (see types.ts).
 *
 * Everything comes from a seeded PRNG (mulberry32 over `profile.seed`) and a
 * fixed reference date, so a seed always gives the same dataset: tests, the
 * demo and every simulated legacy system can rebuild it independently.
 * The data is shaped after each industry (Korean product names, 규격, unit
 * words, realistic KRW prices) and carries deliberate defects that adapters
 * must report instead of passing on: bad GTIN check digits, invalid
 * 사업자등록번호, a local category without a UNSPSC mapping and a unit word
 * without a Rec 20 mapping.
 */
import { businessNumberCheckDigit } from '../../core/domain/businessNumber';
import { gtinCheckDigit } from '../../core/domain/gtin';
import { toLegacyDate, toSeoulIso } from '../../core/domain/legacy';
import type { CoopProfile, LegacyDataset, LegacyMember, LegacyOrder, LegacyOrderLine, LegacyProduct } from './types';

// ───────────────────────────── seeded randomness ─────────────────────────────

/** mulberry32: tiny, fast and good enough for demo data; never Math.random (determinism). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Convenience draws over one PRNG stream. */
class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** Picks by weight (weights need not add up to 1). */
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1][0];
  }
  /** Fisher–Yates on a copy. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  digits(count: number): string {
    let s = '';
    for (let i = 0; i < count; i++) s += String(this.int(0, 9));
    return s;
  }
}

// ───────────────────────────── industry catalogues ─────────────────────────────

interface ItemTemplate {
  name: string;
  specs: readonly string[];
  units: readonly string[];
  /** Supply price (excl. VAT) range in KRW and the step prices are rounded to. */
  price: readonly [number, number];
  step: number;
  moq: readonly number[];
}

interface CategoryTemplate {
  /** The cooperative's own category code. */
  code: string;
  /** UNSPSC commodity from unspsc-subset.csv; null = deliberately unmapped. */
  unspsc: string | null;
  items: readonly ItemTemplate[];
}

interface IndustryTemplate {
  /** Word used in member names (한빛가구, 대성철선…). */
  tradeWords: readonly string[];
  categories: readonly CategoryTemplate[];
}

const item = (
  name: string,
  specs: readonly string[],
  units: readonly string[],
  price: readonly [number, number],
  step = 1000,
  moq: readonly number[] = [1],
): ItemTemplate => ({ name, specs, units, price, step, moq });

/** Only codes present in subgraphs/network/data/unspsc-subset.csv are used. */
const INDUSTRIES: Record<CoopProfile['industry'], IndustryTemplate> = {
  furniture: {
    tradeWords: ['가구', '퍼니처', '목재', '인테리어', '스틸'],
    categories: [
      { code: 'F01', unspsc: '56101703', items: [
        item('사무용 책상 1200x700', ['1200x700x740', 'E0 등급 PB'], ['개', 'EA'], [150000, 320000]),
        item('사무용 책상 1400x700', ['1400x700x740', 'E0 등급 PB'], ['개', 'EA'], [170000, 360000]),
        item('중역 책상', ['1800x900x750', '2000x1000x750'], ['개'], [450000, 1200000]),
        item('학생용 책상', ['높이조절형 650x450', '1인용 600x450'], ['개', 'EA'], [60000, 140000]),
        item('OA 데스크', ['1600x800 배선덕트', '1400x800'], ['개'], [210000, 420000]),
      ] },
      { code: 'F02', unspsc: '56101504', items: [
        item('중역 의자', ['가죽 하이백', '인조가죽 로우백'], ['개', 'EA'], [180000, 650000]),
        item('사무용 의자', ['메쉬 등판', '패브릭 등판'], ['개', 'EA'], [60000, 220000]),
        item('회의용 의자', ['적층형', '팔걸이형'], ['개', '세트'], [45000, 130000]),
        item('Ergo 메쉬 의자', ['헤드레스트 포함', '요추 지지대'], ['개'], [150000, 390000]),
      ] },
      { code: 'F03', unspsc: '56101706', items: [
        item('회의용 탁자 1800x900', ['멜라민 상판', '원목 무늬목'], ['개', '세트'], [250000, 700000]),
        item('원형 회의 탁자', ['지름 1200', '지름 1000'], ['개'], [180000, 420000]),
        item('세미나 테이블', ['1800x450 접이식', '1500x600'], ['개'], [90000, 240000]),
      ] },
      { code: 'F04', unspsc: '56101520', items: [
        item('스틸 사물함 9인용', ['900x450x1800', '분체도장'], ['개', '세트'], [220000, 450000]),
        item('ABS 사물함 12칸', ['학교용', '번호키 포함'], ['개'], [260000, 520000]),
      ] },
      { code: 'F05', unspsc: '56101519', items: [
        item('원목 탁자', ['1200x800 고무나무', '900x600'], ['개'], [120000, 380000]),
        item('접이식 탁자', ['1800x600', '1200x600'], ['개', 'EA'], [50000, 120000]),
      ] },
      { code: 'F99', unspsc: null, items: [
        item('가구용 경첩', ['35mm 댐핑', '일반형'], ['박스'], [12000, 30000], 500, [10]),
        item('책상 부속 철물', ['L형 브라켓', '조절좌'], ['세트'], [8000, 20000], 500, [10]),
      ] },
    ],
  },
  'steel-wire': {
    tradeWords: ['철선', '선재', '와이어', '금속', '강선'],
    categories: [
      { code: 'W01', unspsc: '30102404', items: [
        item('철선 3.2mm', ['SWRM10 경강', '연강선'], ['kg', '롤'], [1100, 1900], 10, [500, 1000]),
        item('경강선 4.0mm', ['SWRH62A', '인장강도 1,370MPa'], ['kg'], [1300, 2200], 10, [1000]),
        item('어닐링 철선 2.6mm', ['풀림선 #12', '결속용'], ['kg', '롤'], [1200, 2000], 10, [500]),
        item('SWRM 선재 5.5mm', ['코일 약 2t', '저탄소'], ['kg'], [900, 1400], 10, [2000]),
      ] },
      { code: 'W02', unspsc: '30102404', items: [
        item('아연도금 철선 2.0mm', ['GI #14 25kg 코일', '도금량 60g/㎡'], ['롤', 'kg'], [38000, 65000], 500, [10]),
        item('아연도금 철선 3.2mm', ['GI #10 25kg 코일', '용융도금'], ['롤', 'kg'], [40000, 70000], 500, [10]),
      ] },
      { code: 'W03', unspsc: '26121524', items: [
        item('PVC 피복 철선 2.0mm', ['녹색 피복', '흑색 피복'], ['롤', 'm'], [42000, 80000], 500, [5]),
        item('비닐 피복 결속선', ['1.2mm 그린', '0.9mm 블랙'], ['롤', '박스'], [15000, 35000], 500, [10]),
      ] },
      { code: 'W99', unspsc: null, items: [
        item('철선 포장 팔레트', ['1100x1100 목재', '재사용'], ['개'], [15000, 25000], 500, [10]),
      ] },
    ],
  },
  metal: {
    tradeWords: ['금속', '메탈', '철강', '스틸', '정밀'],
    categories: [
      { code: 'M01', unspsc: '30102204', items: [
        item('열연강판 3.2t', ['1219x2438', 'SS275'], ['kg', '개'], [1000, 1500], 10, [1000]),
        item('냉연강판 1.0t', ['1219x2438', 'SPCC'], ['kg', '개'], [1200, 1700], 10, [1000]),
        item('SS400 강판 6t', ['1524x3048', 'KS D 3503'], ['kg'], [1100, 1600], 10, [1000]),
        item('스테인리스 강판 STS304 2t', ['1219x2438 2B', 'HL 마감'], ['kg', '개'], [4200, 6500], 10, [100]),
      ] },
      { code: 'M02', unspsc: '30102404', items: [
        item('SS400 환봉 20mm', ['6m 정척', 'KS D 3503'], ['kg', 'm'], [1100, 1600], 10, [100]),
        item('STS304 환봉 10mm', ['4m 정척', '연마봉'], ['kg', 'm'], [5200, 7800], 10, [50]),
        item('이형철근 D13', ['SD400 8m', 'SD500 8m'], ['kg'], [850, 1200], 10, [2000]),
      ] },
      { code: 'M99', unspsc: null, items: [
        item('레이저 절단 가공', ['3t 이하', '6t 이하'], ['m'], [2500, 6000], 100, [10]),
      ] },
    ],
  },
  textiles: {
    tradeWords: ['섬유', '직물', '텍스타일', '방직', '염직'],
    categories: [
      { code: 'T01', unspsc: '11161701', items: [
        item('면 광목 20수', ['폭 44인치', '폭 58인치 생지'], ['m', '롤'], [2200, 4200], 100, [50]),
        item('옥양목 30수', ['폭 44인치 표백', '폭 58인치'], ['m', '롤'], [2600, 4800], 100, [50]),
        item('면 평직 원단 40수', ['폭 58인치 염색', '폭 44인치'], ['m', 'kg'], [3200, 6200], 100, [30]),
        item('Cotton Canvas 10수', ['폭 58인치 생지', '발수가공'], ['m', '롤'], [5200, 9800], 100, [30]),
      ] },
      { code: 'T02', unspsc: '11161701', items: [
        item('면 거즈 원단', ['2중지 폭 58인치', '4중지'], ['m'], [4500, 8200], 100, [30]),
        item('면 샴브레이', ['폭 58인치 인디고', '워싱'], ['m', '롤'], [5800, 9500], 100, [30]),
      ] },
      { code: 'T99', unspsc: null, items: [
        item('원단 샘플북', ['컬러 40종', '스와치 A5'], ['개'], [15000, 40000], 1000, [1]),
      ] },
    ],
  },
  printing: {
    tradeWords: ['인쇄', '프린팅', '지업', '출판', '디자인'],
    categories: [
      { code: 'P01', unspsc: '14111507', items: [
        item('A4 복사용지 80g', ['500매 x 5권', '2500매'], ['박스'], [21000, 29000], 100, [5]),
        item('A4 복사용지 75g', ['500매 x 5권', '2500매'], ['박스'], [19000, 26000], 100, [5]),
        item('A3 복사용지 80g', ['500매 x 5권', '1250매'], ['박스'], [38000, 52000], 100, [2]),
        item('재생 복사용지 A4', ['고지율 70%', '500매 x 5권'], ['박스'], [20000, 27000], 100, [5]),
      ] },
      { code: 'P02', unspsc: '14111507', items: [
        item('모조지 100g', ['4x6전지 500매', '국전지'], ['박스', 'kg'], [45000, 90000], 500, [1]),
        item('아트지 150g', ['4x6전지 250매', '국전지'], ['박스'], [55000, 98000], 500, [1]),
        item('스노우지 200g', ['4x6전지 250매', '국전지'], ['박스'], [60000, 110000], 500, [1]),
        item('감열지 롤 80mm', ['80x70 50롤', '영수증용'], ['박스', '롤'], [28000, 45000], 100, [1]),
      ] },
      { code: 'P99', unspsc: null, items: [
        item('명함 인쇄 (단면)', ['200매', '스노우지 250g'], ['박스'], [8000, 15000], 500, [1]),
        item('전단지 인쇄 A4', ['4도 양면 1000매', '아트지 100g'], ['세트'], [60000, 120000], 1000, [1]),
      ] },
    ],
  },
  soy: {
    tradeWords: ['식품', '두부', '콩식품', '푸드', '농산'],
    categories: [
      { code: 'S01', unspsc: '50171830', items: [
        item('국산콩 양조간장', ['1.8L PET', '900ml 유리병'], ['개', '박스'], [6500, 18000], 100, [12]),
        item('국간장', ['900ml', '1.8L'], ['개', '박스'], [5500, 14000], 100, [12]),
        item('저염 간장', ['500ml', '1L'], ['개', '박스'], [4800, 12000], 100, [12]),
      ] },
      { code: 'S02', unspsc: '50181901', items: [
        item('국산콩 두부빵', ['10입', '20입'], ['박스', '개'], [9000, 22000], 100, [10]),
        item('검은콩 식빵', ['500g', '800g'], ['개'], [3800, 6500], 100, [20]),
      ] },
      { code: 'S09', unspsc: null, items: [
        item('국산콩 두부', ['300g 부침용', '550g 찌개용'], ['개', '박스'], [1800, 4500], 100, [20]),
        item('순두부', ['400g', '1kg 업소용'], ['개'], [1500, 5200], 100, [20]),
      ] },
    ],
  },
  electrical: {
    tradeWords: ['전기', '전선', '일렉트릭', '전력', '케이블'],
    categories: [
      { code: 'E01', unspsc: '26121524', items: [
        item('HFIX 전선 2.5SQ', ['450/750V 적색', '450/750V 흑색'], ['롤', 'm'], [55000, 95000], 500, [5]),
        item('HFIX 전선 4SQ', ['450/750V 청색', '300m 롤'], ['롤', 'm'], [85000, 150000], 500, [5]),
        item('F-CV 케이블 6SQ 2C', ['0.6/1kV', '100m 드럼'], ['m', '롤'], [3200, 5200], 10, [100]),
        item('VCTF 코드선 1.5SQ 3C', ['300/500V', '100m'], ['롤', 'm'], [60000, 110000], 500, [2]),
      ] },
      { code: 'E02', unspsc: '39111603', items: [
        item('LED 가로등 100W', ['5700K IP66', '4000K IP66'], ['개', 'EA'], [280000, 520000], 1000, [1]),
        item('LED 보안등 60W', ['5700K', '광센서 내장'], ['개', 'EA'], [120000, 260000], 1000, [1]),
      ] },
      { code: 'E99', unspsc: null, items: [
        item('단자대 10P', ['600V 30A', '600V 60A'], ['박스'], [9000, 25000], 500, [10]),
      ] },
    ],
  },
  lighting: {
    tradeWords: ['조명', '라이팅', '엘이디', '광학', '전기'],
    categories: [
      { code: 'L01', unspsc: '39111603', items: [
        item('LED 가로등 150W', ['5700K IP66 KS', '4000K IP66'], ['개', 'EA'], [350000, 680000], 1000, [1]),
        item('LED 가로등 100W', ['5700K IP66', '3000K 경관용'], ['개', 'EA'], [280000, 520000], 1000, [1]),
        item('태양광 가로등', ['30W 일체형', '60W 분리형'], ['세트'], [650000, 1400000], 1000, [1]),
        item('LED Street Light 120W', ['5000K', 'Type II 배광'], ['개', 'EA'], [300000, 560000], 1000, [1]),
      ] },
      { code: 'L02', unspsc: '39111603', items: [
        item('LED 보안등 50W', ['5700K 광센서', '4000K'], ['개', 'EA'], [110000, 240000], 1000, [1]),
        item('공원등 LED 40W', ['3000K 디퓨저', '4000K'], ['개', '세트'], [230000, 480000], 1000, [1]),
      ] },
      { code: 'L99', unspsc: null, items: [
        item('LED 모듈 교체용', ['50W 모듈', '100W 모듈'], ['개'], [45000, 90000], 1000, [5]),
      ] },
    ],
  },
  gloves: {
    tradeWords: ['장갑', '글러브', '안전', '산업', '섬유'],
    categories: [
      { code: 'G01', unspsc: '46181504', items: [
        item('NBR 코팅장갑', ['M 13게이지', 'L 13게이지'], ['켤레', '박스'], [700, 1500], 10, [100]),
        item('PU 코팅장갑', ['M 손바닥코팅', 'L 손끝코팅'], ['켤레', '박스'], [800, 1600], 10, [100]),
        item('라텍스 코팅장갑', ['L 주름코팅', 'XL'], ['켤레', '세트'], [900, 1800], 10, [100]),
      ] },
      { code: 'G02', unspsc: '46181504', items: [
        item('목장갑 13게이지', ['면 40g', '면 50g'], ['켤레', '박스'], [300, 650], 10, [200]),
        item('빨간 코팅 목장갑', ['반코팅', '완코팅'], ['켤레', '박스'], [450, 900], 10, [200]),
      ] },
      { code: 'G03', unspsc: '46181504', items: [
        item('용접 장갑', ['소가죽 35cm', '돈피'], ['켤레'], [3500, 9000], 100, [20]),
        item('절단방지 장갑', ['Level 5', 'Level 3'], ['켤레', '세트'], [4500, 12000], 100, [10]),
      ] },
      { code: 'G99', unspsc: null, items: [
        item('장갑 포장 비닐', ['10켤레용', '20켤레용'], ['kg'], [3000, 5000], 100, [10]),
      ] },
    ],
  },
  sauce: {
    tradeWords: ['식품', '장류', '양조', '푸드', '전통식품'],
    categories: [
      { code: 'J01', unspsc: '50171830', items: [
        item('양조간장', ['1.8L PET', '13L 업소용'], ['개', '박스'], [6000, 42000], 100, [6]),
        item('진간장', ['1.8L', '900ml'], ['개', '박스'], [4500, 12000], 100, [12]),
        item('국간장', ['900ml', '1.8L'], ['개', '박스'], [5500, 14000], 100, [12]),
        item('어간장', ['500ml', '1L'], ['개'], [6500, 15000], 100, [12]),
      ] },
      { code: 'J02', unspsc: '50171830', items: [
        item('간장 선물세트', ['3종', '5종'], ['세트'], [25000, 60000], 1000, [5]),
      ] },
      { code: 'J09', unspsc: null, items: [
        item('재래식 된장', ['1kg', '3kg 항아리'], ['개', 'kg'], [9000, 35000], 100, [10]),
        item('찹쌀 고추장', ['500g', '1kg'], ['개'], [7000, 16000], 100, [10]),
      ] },
    ],
  },
};

/** Unit words the cooperative's config maps (what `units` says). */
const UNIT_TABLE: Readonly<Record<string, string>> = {
  개: 'EA', EA: 'EA', 박스: 'XBX', 세트: 'SET', kg: 'KGM', m: 'MTR', 롤: 'XRO', 켤레: 'PR',
};

/** A real Korean unit word (1식 = one lot) with no honest Rec 20 code: deliberately unmapped. */
const UNMAPPED_UNIT = '식';

// ───────────────────────────── people and places ─────────────────────────────

const NAME_STEMS = [
  '한빛', '대성', '동양', '삼화', '세종', '태성', '현대', '우리', '신한', '대한', '금강', '한솔', '청운', '동신',
  '영진', '일신', '성원', '미래', '새한', '보성', '진흥', '유진', '정우', '광명', '서진', '한일', '대원', '경일',
];
const NAME_TAILS = ['산업', '공업', '상사', '테크', '', '', '산업사'];
const SURNAMES = ['김', '이', '박', '최', '정', '강', '조', '윤', '장', '임', '한', '오', '서', '신', '권', '황', '안', '송'];
const GIVEN_NAMES = ['민준', '서연', '지훈', '영수', '정희', '성호', '미경', '동현', '은지', '상철', '재원', '혜진', '경호', '명수', '지영', '순자', '태호'];
const REGIONS: ReadonlyArray<readonly [string, number]> = [
  ['서울', 6], ['경기', 8], ['인천', 3], ['대구', 2], ['부산', 2], ['광주', 1], ['대전', 1], ['울산', 1],
  ['충북', 1], ['충남', 1], ['경북', 1], ['경남', 2], ['전북', 1],
];
const WAREHOUSES = ['본사 창고', '제1공장 창고', '김포 물류센터', '평택 물류센터', '시화 제2창고', '남동공단 창고'];
const CARRIERS = ['CJ대한통운', '한진택배', '롯데택배', '로젠택배', '우체국택배', '경동택배'];
const BUYER_NAMES = [
  '서울특별시교육청', '경기도 수원시청', '인천광역시 남동구청', '한국토지주택공사', '국립중앙의료원', '대전광역시 시설관리공단',
  '(주)한라건설', '(주)세움종합건설', '동부산업개발(주)', '주식회사 그린인테리어', '(주)대도물산', '우성유통 주식회사',
  '서울대방초등학교', '부산해운대중학교', '(주)코리아오피스', '한국철도공사', '강원특별자치도청', '(주)명성상사',
];
const DESCRIPTION_NOTES = [
  'KS 인증 제품입니다.', '조달청 나라장터 등록 상품.', '중소기업자간 경쟁제품.', '친환경 인증 획득.',
  '당일 출고 가능(오후 2시 이전 주문).', '주문 제작 상품으로 납기 협의 필요.', '조합 공동판매 품목.', '대량 구매 시 단가 협의.',
];

/** The date "today" is anchored to (Asia/Seoul), so a seed gives the same data on every day. */
export const DEFAULT_REFERENCE_DATE = '2026-10-31T18:00:00+09:00';

const DAY_MS = 86_400_000;
const HISTORY_DAYS = 548; // ~18 months

// ───────────────────────────── the public API ─────────────────────────────

/** The deliberate defects of a dataset, by legacy code (what adapters must report). */
export interface DatasetDefects {
  /** Members whose 사업자등록번호 fails its check digit. */
  invalidBusinessNumbers: string[];
  /** Products whose GTIN has a wrong check digit. */
  invalidGtins: string[];
  /** Products with an empty GTIN (not a defect to report, just missing). */
  emptyGtins: string[];
  /** The local category code without a UNSPSC mapping, and the products using it. */
  unmappedCategory: string;
  unmappedCategoryProducts: string[];
  /** The unit word without a Rec 20 mapping, and the products using it. */
  unmappedUnit: string;
  unmappedUnitProducts: string[];
}

export interface GenerateOptions {
  /** Anchor of "the last 18 months" (ISO instant); defaults to DEFAULT_REFERENCE_DATE. */
  referenceDate?: string;
}

/** The dataset for a cooperative profile: same profile → same data. */
export function generateDataset(profile: CoopProfile, options: GenerateOptions = {}): LegacyDataset {
  return generateDatasetWithDefects(profile, options).dataset;
}

/** The dataset plus the list of its deliberate defects (for tests and `sbnet check` demos). */
export function generateDatasetWithDefects(
  profile: CoopProfile,
  options: GenerateOptions = {},
): { dataset: LegacyDataset; defects: DatasetDefects } {
  const rng = new Rng(profile.seed);
  const today = Date.parse(options.referenceDate ?? DEFAULT_REFERENCE_DATE);
  const industry = INDUSTRIES[profile.industry];
  const usedNumbers = new Set<string>();
  const { members, invalidMembers } = generateMembers(rng, profile, industry, usedNumbers);
  const products = generateProducts(rng, profile, industry, members, today);
  const defects = injectProductDefects(rng, products, industry);
  const buyers = generateBuyers(rng, Math.max(6, Math.ceil(profile.orderCount / 8)), usedNumbers);
  const orders = generateOrders(rng, profile.orderCount, products, buyers, today);
  const dataset: LegacyDataset = {
    cooperative: profile.id,
    pricesIncludeVat: profile.pricesIncludeVat,
    categories: categoryTable(industry),
    units: { ...UNIT_TABLE },
    products,
    members,
    orders,
  };
  return { dataset, defects: { ...defects, invalidBusinessNumbers: invalidMembers } };
}

// ───────────────────────────── members and buyers ─────────────────────────────

/** A checksum-valid 사업자등록번호; corporations (81/86/87/88) mostly, some sole traders. */
function validBusinessNumber(rng: Rng, used: Set<string>, middle?: string): string {
  for (;;) {
    const office = String(rng.int(101, 899));
    const mid = middle ?? (rng.chance(0.8) ? rng.pick(['81', '86', '87', '88']) : String(rng.int(1, 79)).padStart(2, '0'));
    const nine = office + mid + rng.digits(4);
    const number = `${office}-${mid}-${nine.slice(5)}${businessNumberCheckDigit(nine)}`;
    if (!used.has(number)) {
      used.add(number);
      return number;
    }
  }
}

/** The same number with a wrong check digit (a typo the legacy system accepted). */
function breakCheckDigit(rng: Rng, number: string): string {
  const last = Number(number[number.length - 1]);
  return number.slice(0, -1) + String((last + rng.int(1, 9)) % 10);
}

function companyName(rng: Rng, industry: IndustryTemplate, used: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const core = `${rng.pick(NAME_STEMS)}${rng.pick(industry.tradeWords)}${rng.pick(NAME_TAILS)}`;
    const name = rng.weighted<string>([
      [`주식회사 ${core}`, 3], [`(주)${core}`, 4], [`${core}(주)`, 1], [core, 2],
    ]);
    // Duplicate company names happen in real life; only avoid them while it is easy.
    if (!used.has(name) || attempt > 20) {
      used.add(name);
      return name;
    }
  }
}

function personName(rng: Rng): string {
  return rng.pick(SURNAMES) + rng.pick(GIVEN_NAMES);
}

function generateMembers(
  rng: Rng,
  profile: CoopProfile,
  industry: IndustryTemplate,
  usedNumbers: Set<string>,
): { members: LegacyMember[]; invalidMembers: string[] } {
  const names = new Set<string>();
  const members: LegacyMember[] = [];
  for (let i = 0; i < profile.memberCount; i++) {
    members.push({
      code: `M${String(i + 1).padStart(3, '0')}`,
      name: companyName(rng, industry, names),
      businessNumber: validBusinessNumber(rng, usedNumbers),
      representative: personName(rng),
      region: rng.weighted(REGIONS),
    });
  }
  // ~3% invalid on purpose, but keep at least one valid supplier.
  const badCount = profile.memberCount >= 2 ? Math.max(1, Math.round(profile.memberCount * 0.03)) : 0;
  const bad = rng.shuffle(members.map((_, i) => i)).slice(0, badCount).sort((a, b) => a - b);
  for (const i of bad) members[i].businessNumber = breakCheckDigit(rng, members[i].businessNumber);
  return { members, invalidMembers: bad.map((i) => members[i].code) };
}

interface Buyer {
  name: string;
  businessNumber: string;
}

/** Public institutions carry a 고유번호 (middle digits 83) in the same format. */
function generateBuyers(rng: Rng, count: number, usedNumbers: Set<string>): Buyer[] {
  return rng.shuffle(BUYER_NAMES).slice(0, Math.min(count, BUYER_NAMES.length)).map((name) => ({
    name,
    businessNumber: validBusinessNumber(rng, usedNumbers, /(청|공사|공단|학교|의료원)$/.test(name) ? '83' : undefined),
  }));
}

// ───────────────────────────── products ─────────────────────────────

function categoryTable(industry: IndustryTemplate): Record<string, string> {
  const table: Record<string, string> = {};
  for (const c of industry.categories) if (c.unspsc) table[c.code] = c.unspsc;
  return table;
}

/** A price in the item's range, rounded to its step; VAT added the way the legacy stores it. */
function drawPrice(rng: Rng, t: ItemTemplate, includesVat: boolean): number {
  const supply = Math.round(rng.int(t.price[0], t.price[1]) / t.step) * t.step;
  // Steps are multiples of 10, so ×1.1 stays an integer (13,200 for 12,000).
  return includesVat ? (supply * 11) / 10 : supply;
}

/** A GTIN-13 under Korea's 880 prefix: 880 + 4-digit company + 5-digit item + check. */
function gtin13(companyCode: string, itemNumber: number): string {
  const body = `880${companyCode}${String(itemNumber % 100000).padStart(5, '0')}`;
  return body + String(gtinCheckDigit(body));
}

/** Recent updates are more common than old ones (catalogues get touched). */
function drawUpdatedDate(rng: Rng, today: number): string {
  const daysAgo = Math.floor(HISTORY_DAYS * rng.float() ** 2);
  return toLegacyDate(today - daysAgo * DAY_MS);
}

function describe(rng: Rng, name: string, spec: string): string {
  const notes = rng.shuffle(DESCRIPTION_NOTES).slice(0, rng.int(1, 2)).join(' ');
  return `${name} (${spec}). ${notes}`;
}

function generateProducts(
  rng: Rng,
  profile: CoopProfile,
  industry: IndustryTemplate,
  members: readonly LegacyMember[],
  today: number,
): LegacyProduct[] {
  const mapped = industry.categories.filter((c) => c.unspsc !== null);
  const companyCodes = members.map(() => rng.digits(4));
  const list: LegacyProduct[] = [];
  for (let i = 0; i < profile.productCount; i++) {
    // The first products go round-robin over members so that every member sells something.
    const supplier = i < members.length ? i : rng.int(0, members.length - 1);
    const category = rng.pick(mapped);
    list.push(makeProduct(rng, profile, category, members[supplier]?.code ?? '', companyCodes[supplier] ?? '0000', i, today));
  }
  addDeliberateTies(rng, list);
  return list;
}

function makeProduct(
  rng: Rng,
  profile: CoopProfile,
  category: CategoryTemplate,
  supplierCode: string,
  companyCode: string,
  index: number,
  today: number,
): LegacyProduct {
  const t = rng.pick(category.items);
  const spec = rng.pick(t.specs);
  const onHand = rng.chance(0.1) ? 0 : rng.int(1, 5000);
  return {
    code: `P-${10001 + index}`,
    name: t.name,
    spec,
    description: describe(rng, t.name, spec),
    categoryCode: category.code,
    unitWord: rng.pick(t.units),
    price: drawPrice(rng, t, profile.pricesIncludeVat),
    minOrderQuantity: rng.pick(t.moq),
    gtin: gtin13(companyCode, index + 1),
    supplierCode,
    updatedDate: drawUpdatedDate(rng, today),
    stockOnHand: onHand,
    stockReserved: rng.int(0, Math.min(onHand, 200)),
    warehouse: rng.pick(WAREHOUSES),
    leadTimeDays: rng.int(1, 21),
  };
}

/** Same name and same price on different codes of one category: the tie-break by id must decide. */
function addDeliberateTies(rng: Rng, list: LegacyProduct[]): void {
  const pairs = Math.min(3, Math.floor(list.length / 10));
  for (let k = 0; k < pairs; k++) {
    const a = list[rng.int(0, list.length - 1)];
    const candidates = list.filter((p) => p !== a && p.categoryCode === a.categoryCode);
    if (candidates.length === 0) continue;
    const b = rng.pick(candidates);
    b.name = a.name;
    b.price = a.price;
    b.description = describe(rng, b.name, b.spec);
  }
}

/**
 * Puts the deliberate product defects on distinct, randomly chosen rows:
 * ~2% bad GTIN check digits, ~8% empty GTINs, ~3% unmapped category, 1–2 unmapped unit words.
 */
function injectProductDefects(
  rng: Rng,
  products: LegacyProduct[],
  industry: IndustryTemplate,
): Omit<DatasetDefects, 'invalidBusinessNumbers'> {
  const n = products.length;
  const order = rng.shuffle(products.map((_, i) => i));
  const take = (count: number): LegacyProduct[] => order.splice(0, Math.min(count, order.length)).sort((a, b) => a - b).map((i) => products[i]);
  const unmappedCategory = industry.categories.find((c) => c.unspsc === null)!;

  const badGtin = take(n >= 5 ? Math.max(1, Math.round(n * 0.02)) : 0);
  for (const p of badGtin) p.gtin = breakCheckDigit(rng, p.gtin);
  const emptyGtin = take(n >= 5 ? Math.max(1, Math.round(n * 0.08)) : 0);
  for (const p of emptyGtin) p.gtin = '';
  const unmappedCat = take(n >= 5 ? Math.max(2, Math.round(n * 0.03)) : 0);
  for (const p of unmappedCat) retemplate(rng, p, unmappedCategory);
  const unmappedUnit = take(n >= 5 ? (n >= 40 ? 2 : 1) : 0);
  for (const p of unmappedUnit) p.unitWord = UNMAPPED_UNIT;

  const codes = (list: LegacyProduct[]) => list.map((p) => p.code);
  return {
    invalidGtins: codes(badGtin),
    emptyGtins: codes(emptyGtin),
    unmappedCategory: unmappedCategory.code,
    unmappedCategoryProducts: codes(unmappedCat),
    unmappedUnit: UNMAPPED_UNIT,
    unmappedUnitProducts: codes(unmappedUnit),
  };
}

/** Turns a product into one of the unmapped category's items (name, spec, unit follow). */
function retemplate(rng: Rng, p: LegacyProduct, category: CategoryTemplate): void {
  const t = rng.pick(category.items);
  p.categoryCode = category.code;
  p.name = t.name;
  p.spec = rng.pick(t.specs);
  p.description = describe(rng, p.name, p.spec);
  p.unitWord = rng.pick(t.units);
  p.minOrderQuantity = rng.pick(t.moq);
}

// ───────────────────────────── orders ─────────────────────────────

/** `YYYYMMDDHHmmss` in Asia/Seoul. */
function legacyTimestamp(ms: number): string {
  return toSeoulIso(ms).slice(0, 19).replace(/[-T:]/g, '');
}

/** An instant in business hours (08:00–18:59 Seoul) `daysAgo` days before `today`. */
function businessInstant(rng: Rng, today: number, daysAgo: number): number {
  const seoulMidnight = Math.floor((today + 9 * 3600_000) / DAY_MS) * DAY_MS - 9 * 3600_000;
  const seconds = rng.int(8 * 3600, 19 * 3600 - 1);
  return seoulMidnight - daysAgo * DAY_MS + seconds * 1000;
}

/** Older orders are mostly delivered; recent ones still open. */
function drawStatus(rng: Rng, ageDays: number): LegacyOrder['status'] {
  if (ageDays > 14) return rng.weighted<LegacyOrder['status']>([['DELIVERED', 88], ['CANCELLED', 9], ['SHIPPED', 3]]);
  if (ageDays >= 3) return rng.weighted<LegacyOrder['status']>([['SHIPPED', 40], ['DELIVERED', 30], ['CONFIRMED', 20], ['CANCELLED', 10]]);
  return rng.weighted<LegacyOrder['status']>([['RECEIVED', 60], ['CONFIRMED', 40]]);
}

function generateOrders(rng: Rng, count: number, products: readonly LegacyProduct[], buyers: readonly Buyer[], today: number): LegacyOrder[] {
  if (products.length === 0 || buyers.length === 0) return [];
  const bySupplier = groupBySupplier(products);
  const suppliers = [...bySupplier.keys()];
  const instants = Array.from({ length: count }, () => {
    const daysAgo = rng.int(1, HISTORY_DAYS); // from yesterday: nothing after the reference date
    return { daysAgo, at: businessInstant(rng, today, daysAgo) };
  }).sort((a, b) => a.at - b.at);
  return instants.map(({ daysAgo, at }, i) => {
    const supplier = rng.pick(suppliers);
    const buyer = rng.pick(buyers);
    return makeOrder(rng, i, at, daysAgo, supplier, bySupplier.get(supplier)!, buyer);
  });
}

function groupBySupplier(products: readonly LegacyProduct[]): Map<string, LegacyProduct[]> {
  const map = new Map<string, LegacyProduct[]>();
  for (const p of products) map.set(p.supplierCode, [...(map.get(p.supplierCode) ?? []), p]);
  return map;
}

/** 1–4 distinct lines of one supplier's products, quantities in multiples of the MOQ. */
function drawLines(rng: Rng, products: readonly LegacyProduct[]): LegacyOrderLine[] {
  const chosen = rng.shuffle(products).slice(0, rng.int(1, Math.min(4, products.length)));
  return chosen.map((p) => ({ productCode: p.code, quantity: p.minOrderQuantity * rng.int(1, 10), unitPrice: p.price }));
}

function makeOrder(
  rng: Rng,
  index: number,
  at: number,
  ageDays: number,
  supplierCode: string,
  products: readonly LegacyProduct[],
  buyer: Buyer,
): LegacyOrder {
  const status = drawStatus(rng, ageDays);
  const shipped = status === 'SHIPPED' || status === 'DELIVERED';
  const shippedAt = shipped ? at + Math.min(rng.int(1, 3), Math.max(ageDays, 0)) * DAY_MS + rng.int(1, 6) * 3600_000 : null;
  const orderedAt = legacyTimestamp(at);
  return {
    code: `ORD-${orderedAt.slice(0, 8)}-${String(index + 1).padStart(4, '0')}`,
    buyerBusinessNumber: buyer.businessNumber,
    buyerName: buyer.name,
    supplierCode,
    lines: drawLines(rng, products),
    status,
    orderedAt,
    shippedAt: shippedAt === null ? null : legacyTimestamp(shippedAt),
    carrier: shipped ? rng.pick(CARRIERS) : null,
    trackingNumber: shipped ? rng.digits(12) : null,
    // 전자세금계산서 승인번호: issue date, issuer code, serial (24 digits).
    invoiceNumber: status === 'DELIVERED' ? `${orderedAt.slice(0, 8)}-41000000-${rng.digits(8)}` : null,
    idempotencyKey: null,
  };
}
