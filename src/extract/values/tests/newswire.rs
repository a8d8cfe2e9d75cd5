//! Rows in the forms newswire writes values (Reuters, WSJ, AP style), written for these
//! tests.

use super::V::{D, M, P, PR, Q};
use super::Case;

/// A Reuters dateline date: Friday 30 August 1996.
const WIRE: Option<&str> = Some("1996-08-30");

#[rustfmt::skip]
pub(super) const CASES: &[Case] = &[
    // MONEY: cents, pence, Reuters abbreviations
    ("Shr 42 cents vs 30 cents", None, &[("42 cents", M(0.42, 0.42, Some("USD"))), ("30 cents", M(0.30, 0.30, Some("USD")))]),
    ("Shr loss 12 cts vs profit 1.05 dlrs", None, &[("12 cts", M(0.12, 0.12, Some("USD"))), ("1.05 dlrs", M(1.05, 1.05, Some("USD")))]),
    ("Net profit rose to 150 mln stg from 120 mln.", None, &[("150 mln stg", M(150e6, 150e6, Some("GBP"))), ("120 mln", M(120e6, 120e6, Some("GBP")))]),
    ("The bank set a $1.5 mln facility.", None, &[("$1.5 mln", M(1.5e6, 1.5e6, Some("USD")))]),
    ("Turnover was $1.45 bln against $1.24 bln.", None, &[("$1.45 bln", M(1.45e9, 1.45e9, Some("USD"))), ("$1.24 bln", M(1.24e9, 1.24e9, Some("USD")))]),
    ("Shares closed at 179.5p, up from 81.5 pence.", None, &[("179.5p", M(1.795, 1.795, Some("GBP"))), ("81.5 pence", M(0.815, 0.815, Some("GBP")))]),
    ("a fare of $.50", None, &[("$.50", M(0.5, 0.5, Some("USD")))]),
    // MONEY: amounts whose currency the sentence gave once
    ("Reserves rose to 60.6 billion dlrs from 48.4 billion, against 39.5 billion previously.", None, &[
        ("60.6 billion dlrs", M(60.6e9, 60.6e9, Some("USD"))),
        ("48.4 billion", M(48.4e9, 48.4e9, Some("USD"))),
        ("39.5 billion", M(39.5e9, 39.5e9, Some("USD"))),
    ]),
    ("Reserves rose to 60.629 billion crowns from 48.380 billion.", None, &[
        ("60.629 billion crowns", M(60.629e9, 60.629e9, None)),
        ("48.380 billion", M(48.380e9, 48.380e9, None)),
    ]),
    ("Net rose to $5.1 billion from 4.2 billion shares and 3 mln people. Exports were 2.1 billion.", None, &[
        ("$5.1 billion", M(5.1e9, 5.1e9, Some("USD"))),
    ]),
    // MONEY: spelled-out amounts
    ("A hundred billion dollars was wiped off share values.", None, &[("A hundred billion dollars", M(1e11, 1e11, Some("USD")))]),
    ("The charity raised two million pounds.", None, &[("two million pounds", M(2e6, 2e6, Some("GBP")))]),
    ("He paid twenty-five thousand dollars for it.", None, &[("twenty-five thousand dollars", M(25e3, 25e3, Some("USD")))]),
    ("worth half a billion dollars", None, &[("half a billion dollars", M(5e8, 5e8, Some("USD")))]),
    ("one and a half million euros", None, &[("one and a half million euros", M(1.5e6, 1.5e6, Some("EUR")))]),
    ("five dollars a head", None, &[("five dollars", M(5.0, 5.0, Some("USD")))]),
    // MONEY: fractions
    ("a premium of $1 1/2 over the bid", None, &[("$1 1/2", M(1.5, 1.5, Some("USD")))]),
    ("a premium of $2-1/4", None, &[("$2-1/4", M(2.25, 2.25, Some("USD")))]),
    // MONEY: currencies and their codes
    ("sales of 4.2 billion yen", None, &[("4.2 billion yen", M(4.2e9, 4.2e9, Some("JPY")))]),
    ("a 300 million euro loan", None, &[("300 million euro", M(300e6, 300e6, Some("EUR")))]),
    ("profit of 3.385 million yuan", None, &[("3.385 million yuan", M(3.385e6, 3.385e6, Some("CNY")))]),
    ("bids of 250 million rupees", None, &[("250 million rupees", M(250e6, 250e6, Some("INR")))]),
    ("a loss of 1.2 billion Pakistani rupees", None, &[("1.2 billion Pakistani rupees", M(1.2e9, 1.2e9, Some("PKR")))]),
    ("a deficit of 684 billion pesos", None, &[("684 billion pesos", M(684e9, 684e9, None))]),
    ("2.5 billion Mexican pesos", None, &[("2.5 billion Mexican pesos", M(2.5e9, 2.5e9, Some("MXN")))]),
    ("12 billion reais", None, &[("12 billion reais", M(12e9, 12e9, Some("BRL")))]),
    ("a profit of 176 million rand", None, &[("176 million rand", M(176e6, 176e6, Some("ZAR")))]),
    ("500 billion won in loans", None, &[("500 billion won", M(500e9, 500e9, Some("KRW")))]),
    ("20 billion naira", None, &[("20 billion naira", M(20e9, 20e9, Some("NGN")))]),
    ("3.5 billion Swedish crowns", None, &[("3.5 billion Swedish crowns", M(3.5e9, 3.5e9, Some("SEK")))]),
    ("800 million kronor and 1.2 billion Norwegian kroner", None, &[
        ("800 million kronor", M(800e6, 800e6, Some("SEK"))),
        ("1.2 billion Norwegian kroner", M(1.2e9, 1.2e9, Some("NOK"))),
    ]),
    ("a two billion crown loss", None, &[("two billion crown", M(2e9, 2e9, None))]),
    ("282 million marks, 5 billion D-marks and 2 billion Deutsche marks", None, &[
        ("282 million marks", M(282e6, 282e6, Some("DEM"))),
        ("5 billion D-marks", M(5e9, 5e9, Some("DEM"))),
        ("2 billion Deutsche marks", M(2e9, 2e9, Some("DEM"))),
    ]),
    ("The dollar was at 1.4788 marks and 107.74 yen.", None, &[
        ("1.4788 marks", M(1.4788, 1.4788, Some("DEM"))),
        ("107.74 yen", M(107.74, 107.74, Some("JPY"))),
    ]),
    ("758 million French francs, 1.1 billion Swiss francs and 6 million francs", None, &[
        ("758 million French francs", M(758e6, 758e6, Some("FRF"))),
        ("1.1 billion Swiss francs", M(1.1e9, 1.1e9, Some("CHF"))),
        ("6 million francs", M(6e6, 6e6, None)),
    ]),
    ("7.8 trillion lire", None, &[("7.8 trillion lire", M(7.8e12, 7.8e12, Some("ITL")))]),
    ("70.9 million guilders", None, &[("70.9 million guilders", M(70.9e6, 70.9e6, Some("NLG")))]),
    ("84.5 million schillings", None, &[("84.5 million schillings", M(84.5e6, 84.5e6, Some("ATS")))]),
    ("40 billion roubles", None, &[("40 billion roubles", M(40e9, 40e9, Some("RUB")))]),
    ("5 million Kuwaiti dinars and 3 million UAE dirhams", None, &[
        ("5 million Kuwaiti dinars", M(5e6, 5e6, Some("KWD"))),
        ("3 million UAE dirhams", M(3e6, 3e6, Some("AED"))),
    ]),
    ("1.2 trillion Turkish lira", None, &[("1.2 trillion Turkish lira", M(1.2e12, 1.2e12, Some("TRY")))]),
    ("50 million shekels", None, &[("50 million shekels", M(50e6, 50e6, Some("ILS")))]),
    ("15 million Canadian dollars and 2 billion U.S. dollars", None, &[
        ("15 million Canadian dollars", M(15e6, 15e6, Some("CAD"))),
        ("2 billion U.S. dollars", M(2e9, 2e9, Some("USD"))),
    ]),
    ("A$5.6 billion, NZ$524 million and HK$100,000", None, &[
        ("A$5.6 billion", M(5.6e9, 5.6e9, Some("AUD"))),
        ("NZ$524 million", M(524e6, 524e6, Some("NZD"))),
        ("HK$100,000", M(1e5, 1e5, Some("HKD"))),
    ]),
    ("DM5.2 billion, SFr 2 million and Rs 50 crore", None, &[
        ("DM5.2 billion", M(5.2e9, 5.2e9, Some("DEM"))),
        ("SFr 2 million", M(2e6, 2e6, Some("CHF"))),
        ("Rs 50 crore", M(5e8, 5e8, Some("INR"))),
    ]),
    ("Dividend 10 H.K. cents", None, &[("10 H.K. cents", M(0.10, 0.10, Some("HKD")))]),
    // MONEY: per share
    ("It earned 97 cents a share.", None, &[("97 cents a share", M(0.97, 0.97, Some("USD")))]),
    ("a dividend of $1.50 per share", None, &[("$1.50 per share", M(1.5, 1.5, Some("USD")))]),
    // MONEY: ranges and changes
    ("prices of 65-66 cents", None, &[("65-66 cents", M(0.65, 0.66, Some("USD")))]),
    ("at 91 to 92 cents a pound", None, &[("91 to 92 cents", M(0.91, 0.92, Some("USD")))]),
    ("quoted at 3,800-3,825 rupees", None, &[("3,800-3,825 rupees", M(3800.0, 3825.0, Some("INR")))]),
    ("between $5 and $6 million", None, &[("$5 and $6 million", M(5e6, 6e6, Some("USD")))]),
    ("Scorpion was up C$0.50 to C$6.25.", None, &[("C$0.50", M(0.5, 0.5, Some("CAD"))), ("C$6.25", M(6.25, 6.25, Some("CAD")))]),
    ("Sales rose from $1.2 billion to $1.5 billion.", None, &[("$1.2 billion", M(1.2e9, 1.2e9, Some("USD"))), ("$1.5 billion", M(1.5e9, 1.5e9, Some("USD")))]),
    // MONEY: qualifiers stay outside the span
    ("more than $1 billion", None, &[("$1 billion", Q("more than", &M(1e9, 1e9, Some("USD"))))]),
    ("Up to $5 million is at stake.", None, &[("$5 million", Q("up to", &M(5e6, 5e6, Some("USD"))))]),
    ("some 566 billion lei", None, &[("566 billion lei", Q("some", &M(566e9, 566e9, Some("RON"))))]),
    ("sold for almost $17,000", None, &[("$17,000", Q("almost", &M(17e3, 17e3, Some("USD"))))]),
    ("less than half a billion dollars", None, &[("half a billion dollars", Q("less than", &M(5e8, 5e8, Some("USD"))))]),
    ("at least 30,000 lives and $25 billion", None, &[("$25 billion", M(25e9, 25e9, Some("USD")))]),
    ("an estimated $1.5 billion", None, &[("$1.5 billion", Q("an estimated", &M(1.5e9, 1.5e9, Some("USD"))))]),
    ("وأكثر من 180 مليون دولار", None, &[("180 مليون دولار", Q("أكثر من", &M(180e6, 180e6, Some("USD"))))]),
    // MONEY: not money
    ("He weighed 112 pounds (51 kg).", None, &[]),
    ("She lost 20 pounds of weight.", None, &[]),
    ("Graf won 6-3 6-4 in the final.", None, &[]),
    ("The 49ers won the game and Sri Lanka won by 82 runs.", None, &[]),
    ("Played 10 won 6 drawn 2 lost 2", None, &[]),
    ("the dollar rose against a dollar basket", None, &[]),
    ("Five people were killed at 10:30 a.m.", None, &[]),
    ("The Rand Corporation and 3 Real Madrid players", None, &[]),
    ("The Red Sox climbed to the .500 mark; the O-157 bacillus.", None, &[]),
    ("+5 Mark O'Meara through 15", None, &[]),
    ("Revenue (CZK 000)", None, &[]),
    ("the top of the list with $1,574,799 won this year", None, &[("$1,574,799", M(1574799.0, 1574799.0, Some("USD"))), ("this year", D(None, None))]),
    ("British Land added 12-1/2p to 468p.", None, &[("12-1/2p", M(0.125, 0.125, Some("GBP"))), ("468p", M(4.68, 4.68, Some("GBP")))]),
    ("The stock slid to C$6 from C$11 to C$6.", None, &[("C$6", M(6.0, 6.0, Some("CAD"))), ("C$11", M(11.0, 11.0, Some("CAD"))), ("C$6", M(6.0, 6.0, Some("CAD")))]),
    // PERCENT
    ("Thirty-five percent of voters", None, &[("Thirty-five percent", P(35.0))]),
    ("twelve per cent and 4.5 per cent", None, &[("twelve per cent", P(12.0)), ("4.5 per cent", P(4.5))]),
    ("an 8 3/4% coupon, an 8-3/4 pct bond and a 7½% stake", None, &[
        ("8 3/4%", P(8.75)),
        ("8-3/4 pct", P(8.75)),
        ("7½%", P(7.5)),
    ]),
    ("a 1/2 percent fee", None, &[("1/2 percent", P(0.5))]),
    ("up 1.7 pct points and 2 percentage points", None, &[("1.7 pct points", P(1.7)), ("2 percentage points", P(2.0))]),
    ("by half a percentage point, then a quarter of a percentage point", None, &[
        ("half a percentage point", P(0.5)),
        ("a quarter of a percentage point", P(0.25)),
    ]),
    ("growth of 10% to 15%", None, &[("10% to 15%", PR(10.0, 15.0))]),
    ("growth of 10 to 15 percent, 3-4 pct", None, &[("10 to 15 percent", PR(10.0, 15.0)), ("3-4 pct", PR(3.0, 4.0))]),
    ("between 10 and 15 percent", None, &[("10 and 15 percent", PR(10.0, 15.0))]),
    ("It rose 5% to 10% of sales.", None, &[("5%", P(5.0)), ("10%", P(10.0))]),
    ("a 53 percent to 39 percent lead", None, &[("53 percent", P(53.0)), ("39 percent", P(39.0))]),
    ("in 1996 to 5 percent", None, &[("1996", D(Some("1996"), None)), ("5 percent", P(5.0))]),
    ("nearly 20 pct and at least 10 percent", None, &[
        ("20 pct", Q("nearly", &P(20.0))),
        ("10 percent", Q("at least", &P(10.0))),
    ]),
    ("just over 3 percent", None, &[("3 percent", Q("just over", &P(3.0)))]),
    ("W L PCT GB", None, &[]),
];

#[rustfmt::skip]
pub(super) const DATES: &[Case] = &[
    // quarters and halves
    ("in the first quarter of this year", WIRE, &[("the first quarter of this year", D(Some("1996-01"), Some("1996-03")))]),
    ("the third quarter of 1996 and Q4 1995", None, &[
        ("the third quarter of 1996", D(Some("1996-07"), Some("1996-09"))),
        ("Q4 1995", D(Some("1995-10"), Some("1995-12"))),
    ]),
    ("Third-quarter profit rose 5 percent.", WIRE, &[("Third-quarter", D(None, None)), ("5 percent", P(5.0))]),
    ("first-half 1996 results", None, &[("first-half 1996", D(Some("1996-01"), Some("1996-06")))]),
    ("in the second half of next year", WIRE, &[("the second half of next year", D(Some("1997-07"), Some("1997-12")))]),
    ("Growth slowed in the second half, the company said.", WIRE, &[("the second half", D(None, None))]),
    ("Ronaldo scored in the second half.", WIRE, &[]),
    ("a boost in the second half of September", WIRE, &[("the second half of September", D(None, None))]),
    ("profit for the six months to June 30 rose", WIRE, &[("the six months to June 30", D(Some("1996-01"), Some("1996-06")))]),
    ("sales in the first five months to February fell", WIRE, &[("the first five months to February", D(Some("1995-10"), Some("1996-02")))]),
    ("output will equal that of the third quarter, 16.6 mln barrels per day", WIRE, &[("the third quarter", D(None, None))]),
    ("in the year ended March 31, 1996", None, &[("the year ended March 31, 1996", D(Some("1995-04"), Some("1996-03")))]),
    ("the nine months ended September 30", None, &[("the nine months ended September 30", D(None, None))]),
    ("Weah missed a good first half chance.", WIRE, &[]),
    ("In the second quarter ended March 31, it lost money.", None, &[("the second quarter ended March 31", D(None, None))]),
    ("earnings in the fiscal quarter ended Sept. 30 fell", WIRE, &[("the fiscal quarter ended Sept. 30", D(Some("1996-07"), Some("1996-09")))]),
    // one sports word among business ones ("rebounded") leaves the line business news
    ("The economy rebounded in the second quarter and growth is seen at two pct.", WIRE, &[
        ("the second quarter", D(None, None)),
        ("two pct", P(2.0)),
    ]),
    ("The striker scored twice in the second half as the league leaders won.", WIRE, &[]),
    // seasons
    ("next spring and last summer", WIRE, &[
        ("next spring", D(Some("1997-03"), Some("1997-05"))),
        ("last summer", D(Some("1995-06"), Some("1995-08"))),
    ]),
    ("this autumn, in the summer of 1995", WIRE, &[
        ("this autumn", D(Some("1996-09"), Some("1996-11"))),
        ("the summer of 1995", D(Some("1995-06"), Some("1995-08"))),
    ]),
    ("Talks resume in the spring.", WIRE, &[("the spring", D(None, None))]),
    ("in spring wheat futures, at the Summer Olympics, after the fall of Saigon", WIRE, &[]),
    // deictic seasons of sport and crops
    ("He scored twice this season and last season; next season starts soon.", WIRE, &[
        ("this season", D(None, None)),
        ("last season", D(None, None)),
        ("next season", D(None, None)),
    ]),
    ("the season opener", WIRE, &[]),
    // holidays
    ("Sales rose over Christmas, on Christmas Eve 1999 and at Easter.", WIRE, &[
        ("Christmas", D(None, None)),
        ("Christmas Eve 1999", D(Some("1999-12-24"), None)),
        ("Easter", D(None, None)),
    ]),
    ("during Ramadan and after Eid al-Fitr, before New Year's Day 2005", WIRE, &[
        ("Ramadan", D(None, None)),
        ("Eid al-Fitr", D(None, None)),
        ("New Year's Day 2005", D(Some("2005-01-01"), None)),
    ]),
    ("He flew to Christmas Island and Easter Island.", WIRE, &[]),
    ("Taha Yassin Ramadan said talks would resume after the holy month of Ramadan.", WIRE, &[("Ramadan", D(None, None))]),
    // anchored spans
    ("in recent years and in the coming weeks", WIRE, &[("recent years", D(None, None)), ("the coming weeks", D(None, None))]),
    ("over the past two years", WIRE, &[("the past two years", D(Some("1994"), Some("1996")))]),
    ("in the last 12 months", WIRE, &[("the last 12 months", D(Some("1995-08"), Some("1996-08")))]),
    ("the first six months of 1996", None, &[("the first six months of 1996", D(Some("1996-01"), Some("1996-06")))]),
    ("for two years, for a decade, two years, the first two days of the visit", WIRE, &[]),
    // fiscal years
    ("fiscal 1997 and the 1996/97 fiscal year", None, &[
        ("fiscal 1997", D(Some("1997"), None)),
        ("the 1996/97 fiscal year", D(Some("1996"), Some("1997"))),
    ]),
    ("this fiscal year", WIRE, &[("this fiscal year", D(Some("1996"), None))]),
    ("a tighter fiscal policy", WIRE, &[]),
    // edges of periods
    ("late last year and earlier this month", WIRE, &[
        ("late last year", D(Some("1995"), None)),
        ("earlier this month", D(Some("1996-08"), None)),
    ]),
    ("by the end of the year, by year-end", WIRE, &[
        ("the end of the year", D(Some("1996"), None)),
        ("year-end", D(Some("1996"), None)),
    ]),
    ("at end-June, the end of 1996 and mid-1997", WIRE, &[
        ("end-June", D(Some("1996-06"), None)),
        ("the end of 1996", D(Some("1996"), None)),
        ("mid-1997", D(Some("1997"), None)),
    ]),
    // centuries, weekends, narrative-relative dates
    ("the 20th century and the nineteenth century", None, &[
        ("the 20th century", D(Some("1901"), Some("2000"))),
        ("the nineteenth century", D(Some("1801"), Some("1900"))),
    ]),
    ("this weekend", WIRE, &[("this weekend", D(Some("1996-08-31"), Some("1996-09-01")))]),
    ("Officials spoke at the weekend; he said over the weekend that the weekend trade was thin.", WIRE, &[
        ("the weekend", D(None, None)),
        ("the weekend", D(None, None)),
    ]),
    // wire headlines in capitals: MAY and MARCH are verbs there, DEC a ticker
    ("U.S. FEBRUARY TRADE DEFICIT WIDENS", WIRE, &[("FEBRUARY", D(Some("1996-02"), None))]),
    ("DANISH RESERVES FELL IN MAY\nThe reserves fell.", WIRE, &[("MAY", D(Some("1996-05"), None))]),
    ("JAPAN OUTPUT SEEN RISING IN JAN 1997", None, &[("JAN 1997", D(Some("1997-01"), None))]),
    ("U.S. JUNE HOUSING STARTS ROSE", WIRE, &[("JUNE", D(Some("1996-06"), None))]),
    ("FED MAY CUT RATES, DEC SHARES MARCH HIGHER", WIRE, &[]),
    ("The MARCH group met; FEBRUARY was cold.", WIRE, &[]),
    ("a year earlier, against the year-earlier period and year-earlier profit", WIRE, &[
        ("a year earlier", D(None, None)),
        ("the year-earlier period", D(None, None)),
        ("year-earlier", D(None, None)),
    ]),
    // months, ranges of months, decades
    ("trade balance Jan-June (April-March)", WIRE, &[
        ("Jan-June", D(Some("1996-01"), Some("1996-06"))),
        ("April-March", D(Some("1996-04"), Some("1997-03"))),
    ]),
    ("in the '90s", None, &[("'90s", D(Some("1990"), Some("1999")))]),
    ("on Friday, on August 30, 30 August 1996, BRUSSELS 1996-08-30", WIRE, &[
        ("Friday", D(Some("1996-08-30"), None)),
        ("August 30", D(Some("1996-08-30"), None)),
        ("30 August 1996", D(Some("1996-08-30"), None)),
        ("1996-08-30", D(Some("1996-08-30"), None)),
    ]),
    // tables and scores are not dates
    ("Sydney 21 15 1 5 2067 1687 122.5 62", WIRE, &[]),
    ("Net profit 1996 1995", WIRE, &[("1996", D(Some("1996"), None)), ("1995", D(Some("1995"), None))]),
    ("Graf won 6-3 6-4 at 10:30", WIRE, &[]),
    ("protesters at 1600 Pennsylvania Avenue and 1619 Broadway", WIRE, &[]),
    ("In 1996 Clinton won.", WIRE, &[("1996", D(Some("1996"), None))]),
];
