/** The production marker's text, shown inverse red beside a host name (ProductionBadge). */
export const PROD_LABEL = ' PROD ';
