"""Chinese column headers and number formats for the workbook (column names stay English in Parquet)."""
from __future__ import annotations

SHEETS = {  # dataset → sheet name
    "findings": "问题清单", "documents": "文件", "budget_lines": "预算表行", "score_items": "评分表",
    "indicators": "绩效指标", "facts": "正文数字", "form_fields": "表头字段", "table_cells": "表格单元格",
}

LABELS = {
    "doc_id": "文件编号", "source_file": "文件", "doc_type": "报告类型", "title": "标题", "department": "部门",
    "fiscal_year": "年度", "pages": "页数", "text_source": "文字来源", "total_score_stated": "正文总分",
    "grade_stated": "正文等级", "status": "状态", "error": "错误", "format": "格式", "tables": "表格数",
    "total_score_sheet": "评分表合计", "table_id": "表格", "page": "页码", "row": "行", "col": "列",
    "row_span": "跨行", "col_span": "跨列", "text": "文字", "value": "数值", "unit": "单位", "is_header": "表头",
    "decimals": "小数位", "unit_printed": "印刷单位", "table_kind": "表格类别", "item": "项目",
    "initial_budget": "年初预算数(元)", "adjusted_budget": "调整后预算数(元)", "actual_spending": "实际支出数(元)",
    "execution_rate_pct": "预算执行率(%)", "is_total": "合计行", "amount_decimals": "金额小数位",
    "rate_decimals": "比率小数位", "budget": "预算数(元)", "table_title": "表名", "item_code": "科目编码",
    "item_canonical": "规范项目名", "level1": "一级指标", "level2": "二级指标", "level3": "三级指标",
    "weight": "权重", "target": "标准值", "rule": "规则", "evidence": "依据", "score": "得分", "code": "指标编号",
    "level1_weight": "一级分值", "level2_weight": "二级分值", "is_bonus": "加减分项", "weight_decimals": "权重小数位",
    "score_decimals": "得分小数位", "description": "指标说明", "formula_name": "计算指标", "formula": "计算式",
    "formula_result": "计算结果(%)", "formula_result_decimals": "结果小数位", "half_year_target": "半年指标值",
    "full_year_target": "全年指标值", "comparator": "比较符", "target_value": "目标值",
    "half_year_comparator": "半年比较符", "half_year_value": "半年值", "subject": "对象", "value_text": "原文",
    "sentence": "句子", "qualifier": "修饰", "source": "出处", "sentence_id": "句号", "paragraph_id": "段号",
    "position": "位置", "aspect": "预算口径", "metric": "指标", "counted": "计数对象", "after_qizhong": "其中分项",
    "ref": "评分项", "topic": "所属标题", "name": "字段", "severity": "严重程度", "stated_value": "报告所写",
    "expected_value": "重算结果", "message": "说明", "stated": "所写数值", "stated_unit": "数值单位",
    "expected_low": "重算下限", "expected_high": "重算上限", "difference": "差额", "inputs": "所用数字",
    "bbox": "页面位置(pt)", "page_label": "文中页码", "page_labels": "文中页码",
}

MONEY = {"initial_budget", "adjusted_budget", "actual_spending", "budget", "value", "target_value", "half_year_value"}
PERCENT = {"execution_rate_pct", "formula_result"}
WIDE = {"message": 70, "evidence": 60, "sentence": 60, "rule": 50, "text": 40, "title": 40, "error": 40,
        "source_file": 30, "item": 24, "level3": 28, "subject": 24, "table_title": 30}
SEVERITY_FILL = {"error": "F8CBAD", "warning": "FFE699", "info": "BDD7EE"}
SEVERITY_LABEL = {"error": "错误", "warning": "警告", "info": "提示"}
